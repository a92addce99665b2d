namespace WeChatWish.WeChat;

/// <summary>The <c>miniprogram_state</c> of a subscribe message: which version of the mini-program a tap opens.</summary>
public enum MiniProgramState
{
    Formal,
    Trial,
    Developer,
}
