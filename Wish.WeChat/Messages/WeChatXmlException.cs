namespace WeChatWish.WeChat.Messages;

public enum WeChatXmlError
{
    /// <summary>The body exceeds <see cref="WeChatXml.MaxBodyBytes"/>: the host answers 413.</summary>
    TooLarge,
    /// <summary>Not UTF-8, not well-formed, has a DTD, or its root is not &lt;xml&gt;.</summary>
    Malformed,
    MissingField,
    InvalidField,
}

/// <summary>A WeChat XML body that was refused; the only exception the parsers throw for bad input.</summary>
public sealed class WeChatXmlException : Exception
{
    public WeChatXmlException(WeChatXmlError reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public WeChatXmlError Reason { get; }
}
