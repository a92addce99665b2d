namespace WeChatWish.Domain;

public sealed partial class Wish
{
    /// <summary>
    /// When its beneficiary's personal data is erased: photos go (they show the person or their home), what staff wrote about the
    /// wish (review note, override, reject and withdraw reasons, its history's notes) is blanked, and the person's own details are
    /// taken out of the content, which stays so the wish's history still reads. Status, dates, flags, category and cost stay.
    /// </summary>
    public void ErasePersonalText(IReadOnlyCollection<string> personalDetails)
    {
        _photos.Clear();
        Content = ErasedText.Scrub(Content, personalDetails, ContentMaxLength);
        MaskedContent = ContactDetails.Mask(Content);
        ReviewNote = ErasedText.Blank(ReviewNote);
        OverrideReason = ErasedText.Blank(OverrideReason);
        RejectReason = ErasedText.Blank(RejectReason);
        WithdrawReason = ErasedText.Blank(WithdrawReason);
        foreach (var change in _history) change.EraseNote();
    }
}
