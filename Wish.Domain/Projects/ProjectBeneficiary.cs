namespace WeChatWish.Domain;

/// <summary>One beneficiary on a project's roster: added by someone at a time, and removed by someone at a time (kept, not deleted).</summary>
public sealed class ProjectBeneficiary
{
    private ProjectBeneficiary()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProjectId { get; private set; }

    public Guid BeneficiaryId { get; private set; }

    public Actor AddedBy { get; private set; }

    public DateTimeOffset AddedAt { get; private set; }

    public Actor? RemovedBy { get; private set; }

    public DateTimeOffset? RemovedAt { get; private set; }

    public bool IsCurrent => RemovedAt is null;

    internal static ProjectBeneficiary Add(Guid projectId, Guid beneficiaryId, Actor by, DateTimeOffset at) => new()
    {
        Id = Guid.CreateVersion7(),
        ProjectId = projectId,
        BeneficiaryId = beneficiaryId,
        AddedBy = by,
        AddedAt = Guard.Utc(at),
    };

    internal void Remove(Actor by, DateTimeOffset at)
    {
        RemovedBy = by;
        RemovedAt = Guard.Utc(at);
    }
}
