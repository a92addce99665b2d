namespace WeChatWish.Api.Intake;

/// <summary>What the conversation asks for, numbered as in the summary so "修改 N" names the same thing.</summary>
public enum DraftField
{
    Category = 1,
    District = 2,
    Name = 3,
    Phone = 4,
    Content = 5,
    Cost = 6,
    Kind = 7,
}

public sealed record DraftPhoto(string MediaId, string PicUrl);

/// <summary>A wish being put together; every answer is kept as soon as it passed validation.</summary>
public sealed class Draft
{
    public string? Category { get; set; }
    public string? DistrictCode { get; set; }
    public string? Name { get; set; }
    public string? Phone { get; set; }
    public string? Content { get; set; }
    public decimal? Cost { get; set; }

    /// <summary>goods or service: guessed from the wish's words unless the person chose it with "修改 7".</summary>
    public string? Kind { get; set; }
    public bool KindChosen { get; set; }
    public List<DraftPhoto> Photos { get; set; } = [];

    /// <summary>The steps in the order they are asked; Kind is never asked, only offered for correction.</summary>
    public static readonly DraftField[] AskedInOrder =
        [DraftField.Category, DraftField.District, DraftField.Name, DraftField.Phone, DraftField.Content, DraftField.Cost];

    public DraftField? FirstMissing() => AskedInOrder.Cast<DraftField?>().FirstOrDefault(f => !Has(f!.Value));

    public bool Has(DraftField field) => field switch
    {
        DraftField.Category => Category is not null,
        DraftField.District => DistrictCode is not null,
        DraftField.Name => Name is not null,
        DraftField.Phone => Phone is not null,
        DraftField.Content => Content is not null,
        DraftField.Cost => Cost is not null,
        DraftField.Kind => Kind is not null,
        _ => false,
    };
}

/// <summary>What the offer-of-service conversation asks for (DESIGN.md §12), numbered as in its summary for "修改 N".</summary>
public enum OfferField
{
    What = 1,
    When = 2,
    District = 3,
}

/// <summary>A service being offered ("我能帮忙"); every answer is kept as soon as it passed the offer's own checks.</summary>
public sealed class OfferDraft
{
    public string? What { get; set; }
    public string? When { get; set; }
    public string? DistrictCode { get; set; }

    public static readonly OfferField[] AskedInOrder = [OfferField.What, OfferField.When, OfferField.District];

    public OfferField? FirstMissing() => AskedInOrder.Cast<OfferField?>().FirstOrDefault(f => !Has(f!.Value));

    public bool Has(OfferField field) => field switch
    {
        OfferField.What => What is not null,
        OfferField.When => When is not null,
        OfferField.District => DistrictCode is not null,
        _ => false,
    };
}

/// <summary>One person's conversation, stored in Redis under their openid; times come from the injected clock.</summary>
public sealed class Conversation
{
    public Draft Draft { get; set; } = new();

    /// <summary>The question waiting for an answer; null once the summary is shown and 确认 is awaited.</summary>
    public DraftField? Asking { get; set; }

    /// <summary>The draft was paused and the person has been asked whether to continue it.</summary>
    public bool OfferingResume { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset LastActivityAt { get; set; }

    /// <summary>An offer of service being put together; while it is set, the person's answers go to it, not to the wish draft.</summary>
    public OfferDraft? Offer { get; set; }

    /// <summary>The offer's question waiting for an answer; null once its summary is shown and 确认 is awaited.</summary>
    public OfferField? OfferAsking { get; set; }

    /// <summary>A wish draft was under way when the offer began: it is kept and taken up again once the offer is done.</summary>
    public bool WishDraftWaiting { get; set; }

    public static Conversation Start(DateTimeOffset now) => new() { StartedAt = now, LastActivityAt = now };

    /// <summary>Asks the next missing step, or shows the summary when nothing is missing.</summary>
    public void MoveOn() => Asking = Draft.FirstMissing();
}
