namespace WeChatWish.Domain;

public enum ProjectStatus
{
    Proposed,
    Approved,
    Running,
    Closed,
}

/// <summary>How often the team serves; <see cref="Project.FrequencyNote"/> says the rest (每周六上午, 每月第一个周日).</summary>
public enum ProjectFrequency
{
    Once,
    Daily,
    Weekly,
    Fortnightly,
    Monthly,
    Other,
}

public sealed record NewProject(string? Name, string? Need, Guid OrganisationId, ProjectFrequency Frequency, string? FrequencyNote, string? Place,
    string? Content, string? DistrictCode);

/// <summary>
/// A project of the project library (项目库, DESIGN.md §10): it fixes the need, the team, the frequency, the place and the content.
/// Proposed (by staff or a leader of the team) → approved → running → closed with an evaluation and a rating. Activities attach
/// only while it is approved or running; its roster is the beneficiaries it serves, each added and removed with who and when.
/// </summary>
public sealed class Project
{
    public const int NameMaxLength = 100;
    public const int NeedMaxLength = 1000;
    public const int ContentMaxLength = 2000;
    public const int PlaceMaxLength = ServiceRecordEntry.PlaceMaxLength;
    public const int FrequencyNoteMaxLength = 100;
    public const int EvaluationMaxLength = 2000;
    public const int MinRating = 1;
    public const int MaxRating = 5;

    private readonly List<ProjectBeneficiary> _roster = [];

    private Project()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Need { get; private set; } = "";

    /// <summary>The team (any node of the organisation tree) that carries the project out.</summary>
    public Guid OrganisationId { get; private set; }

    public ProjectFrequency Frequency { get; private set; }

    public string? FrequencyNote { get; private set; }

    public string Place { get; private set; } = "";

    public string Content { get; private set; } = "";

    public string DistrictCode { get; private set; } = "";

    public ProjectStatus Status { get; private set; }

    public Actor ProposedBy { get; private set; }

    public DateTimeOffset ProposedAt { get; private set; }

    public Actor? ApprovedBy { get; private set; }

    public DateTimeOffset? ApprovedAt { get; private set; }

    public DateTimeOffset? StartedAt { get; private set; }

    public Actor? ClosedBy { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public string? Evaluation { get; private set; }

    public int? Rating { get; private set; }

    /// <summary>Every roster entry ever made, removed ones included: who was served, from when to when.</summary>
    public IReadOnlyList<ProjectBeneficiary> Roster => _roster;

    public static Project Propose(NewProject spec, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(spec.Frequency))
            throw new DomainValidationException(DomainErrorCodes.Invalid, "frequency", "服务频次只能是一次、每天、每周、每两周、每月或其他。");
        if (spec.OrganisationId == Guid.Empty)
            throw new DomainValidationException(DomainErrorCodes.Required, "organisationId", "请选择承接项目的志愿组织。");
        return new Project
        {
            Id = Guid.CreateVersion7(),
            Name = Guard.Text(spec.Name, "name", "项目名称", NameMaxLength),
            Need = Guard.Text(spec.Need, "need", "服务需求", NeedMaxLength),
            OrganisationId = spec.OrganisationId,
            Frequency = spec.Frequency,
            FrequencyNote = Guard.OptionalText(spec.FrequencyNote, "frequencyNote", "频次说明", FrequencyNoteMaxLength),
            Place = Guard.Text(spec.Place, "place", "服务地点", PlaceMaxLength),
            Content = Guard.Text(spec.Content, "content", "服务内容", ContentMaxLength),
            DistrictCode = Guard.Text(spec.DistrictCode, "districtCode", "所在区", District.CodeMaxLength),
            Status = ProjectStatus.Proposed,
            ProposedBy = by,
            ProposedAt = Guard.Utc(at),
        };
    }

    public void Approve(Actor by, DateTimeOffset at)
    {
        if (Status != ProjectStatus.Proposed) throw Illegal("approve", "只有待审核的项目可以批准。");
        Status = ProjectStatus.Approved;
        ApprovedBy = by;
        ApprovedAt = Guard.Utc(at);
    }

    public void Start(DateTimeOffset at)
    {
        if (Status != ProjectStatus.Approved) throw Illegal("start", "只有已批准的项目可以开始实施。");
        Status = ProjectStatus.Running;
        StartedAt = Guard.Utc(at);
    }

    /// <summary>Closing is the end of a running project: it needs a written evaluation and a rating from 1 to 5.</summary>
    public void Close(string? evaluation, int? rating, Actor by, DateTimeOffset at)
    {
        if (Status != ProjectStatus.Running) throw Illegal("close", "只有实施中的项目可以结项。");
        if (string.IsNullOrWhiteSpace(evaluation) || rating is null)
            throw new RuleViolationException(DomainErrorCodes.ProjectEvaluationRequired, "结项前请填写项目评估，并给出1到5分的评分。");
        Evaluation = Guard.Text(evaluation, "evaluation", "项目评估", EvaluationMaxLength);
        Rating = Guard.Range(rating.Value, "rating", "评分", MinRating, MaxRating);
        Status = ProjectStatus.Closed;
        ClosedBy = by;
        ClosedAt = Guard.Utc(at);
    }

    public bool TakesActivities => Status is ProjectStatus.Approved or ProjectStatus.Running;

    /// <summary>An activity of this project: only while it is approved or running, and in the project's own district.</summary>
    public void EnsureTakesActivity(string? districtCode)
    {
        if (!TakesActivities)
            throw new RuleViolationException(DomainErrorCodes.ProjectNotTakingActivities,
                Status == ProjectStatus.Proposed ? "项目还没有批准，批准后才能为它安排活动。" : "项目已经结项，不能再安排活动。");
        // The district is who coordinates it: an activity filed under another district's project would escape that coordinator.
        if (districtCode != DistrictCode)
            throw new RuleViolationException(DomainErrorCodes.ProjectDistrictMismatch, "活动所在区应与项目所在区一致，请选择项目所在的区。");
    }

    /// <summary>
    /// A pairing (结对帮扶) made under this project: only while it is approved or running, and its beneficiary joins the roster
    /// if not on it already (the roster is the project's beneficiaries). Returns the new roster entry, or null.
    /// </summary>
    public ProjectBeneficiary? TakePairing(Beneficiary beneficiary, Actor by, DateTimeOffset at)
    {
        if (!TakesActivities)
            throw new RuleViolationException(DomainErrorCodes.ProjectNotTakingActivities,
                Status == ProjectStatus.Proposed ? "项目还没有批准，批准后才能在项目里结对。" : "项目已经结项，不能再在项目里结对。");
        return CurrentRoster.Any(r => r.BeneficiaryId == beneficiary.Id) ? null : AddBeneficiary(beneficiary, by, at);
    }

    /// <summary>The entries of people on the roster now.</summary>
    public IEnumerable<ProjectBeneficiary> CurrentRoster => _roster.Where(r => r.IsCurrent);

    public ProjectBeneficiary AddBeneficiary(Beneficiary beneficiary, Actor by, DateTimeOffset at)
    {
        EnsureRosterOpen();
        if (beneficiary.IsErased)
            throw new RuleViolationException(DomainErrorCodes.BeneficiaryErased, "这位受助人的资料已删除，不能加入项目。");
        if (CurrentRoster.Any(r => r.BeneficiaryId == beneficiary.Id))
            throw new ConflictException(DomainErrorCodes.ProjectBeneficiaryAlreadyListed, "这位受助人已经在项目名单里了。");
        var entry = ProjectBeneficiary.Add(Id, beneficiary.Id, by, at);
        _roster.Add(entry);
        return entry;
    }

    public ProjectBeneficiary RemoveBeneficiary(Guid beneficiaryId, Actor by, DateTimeOffset at)
    {
        EnsureRosterOpen();
        var entry = CurrentRoster.FirstOrDefault(r => r.BeneficiaryId == beneficiaryId)
            ?? throw new NotFoundException(DomainErrorCodes.ProjectBeneficiaryNotListed, "这位受助人不在项目名单里。");
        entry.Remove(by, at);
        return entry;
    }

    private void EnsureRosterOpen()
    {
        if (Status == ProjectStatus.Closed)
            throw new RuleViolationException(DomainErrorCodes.ProjectClosed, "项目已经结项，名单不能再修改。");
    }

    private IllegalTransitionException Illegal(string action, string message) =>
        new(DomainErrorCodes.ProjectIllegalTransition, nameof(Project), Status.ToString(), action, message);
}
