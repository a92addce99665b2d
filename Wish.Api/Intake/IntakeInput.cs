using WeChatWish.WeChat.Messages;

namespace WeChatWish.Api.Intake;

/// <summary>A person's message as the conversation sees it.</summary>
public abstract record IntakeInput
{
    /// <summary>Typed text or a voice message's recognition, normalised.</summary>
    public sealed record Said(string Text) : IntakeInput;

    public sealed record Menu(IntakeCommand Choice) : IntakeInput;

    public sealed record Photo(DraftPhoto Picture) : IntakeInput;

    /// <summary>A voice message WeChat could not turn into text.</summary>
    public sealed record Unheard : IntakeInput;

    /// <summary>Video, location, link: nothing the conversation can use.</summary>
    public sealed record Unsupported : IntakeInput;

    public static IntakeInput From(WeChatMessage message) => message switch
    {
        WeChatTextMessage text => new Said(ChineseInput.Normalize(text.Content)),
        WeChatVoiceMessage { Recognition: { } heard } when !string.IsNullOrWhiteSpace(heard) => new Said(ChineseInput.Normalize(heard)),
        WeChatVoiceMessage => new Unheard(),
        WeChatImageMessage image when image.PicUrl.Length is > 0 and <= Domain.WishPhoto.UrlMaxLength
            && image.MediaId.Length <= Domain.WishPhoto.MediaIdMaxLength => new Photo(new DraftPhoto(image.MediaId, image.PicUrl)),
        WeChatClickEvent click => new Menu(IntakeCommands.FromMenu(click.EventKey)),
        _ => new Unsupported(),
    };

    public IntakeCommand Command => this switch
    {
        Said said => IntakeCommands.Parse(said.Text),
        Menu menu => menu.Choice,
        _ => IntakeCommand.None,
    };
}

/// <summary>The reply, and the conversation to keep (null: none). <see cref="Durable"/>: the turn already changed the database.</summary>
public sealed record Turn(string Reply, Conversation? State, bool Durable = false);
