namespace WeChatWish.Domain;

/// <summary>The four levels of organised volunteering (DESIGN.md §10): 志愿者中心 → 志愿服务站 → 志愿服务队 → 志愿服务组.</summary>
public enum OrganisationLevel
{
    Center,
    Station,
    Team,
    Group,
}

/// <summary>
/// A node of the organisation tree. Its <see cref="Path"/> lists the ids from the root down to itself, so "this node and
/// everything under it" is one prefix test, in a query or here; leaders of a node have rights over the whole subtree.
/// A child sits at least one level below its parent (a station may hold teams or groups directly) and in a district of its own.
/// </summary>
public sealed class Organisation
{
    public const int NameMaxLength = 100;
    public const int PathMaxLength = 4 * (IdLength + 1);
    private const int IdLength = 32;

    private Organisation()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public OrganisationLevel Level { get; private set; }

    public Guid? ParentId { get; private set; }

    public string DistrictCode { get; private set; } = "";

    /// <summary>The ids from the root to this node, each as 32 hex digits followed by '/': the root's is "id/".</summary>
    public string Path { get; private set; } = "";

    public Actor CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static Organisation Create(string? name, OrganisationLevel level, Organisation? parent, string? districtCode, Actor by, DateTimeOffset at)
    {
        if (!Enum.IsDefined(level))
            throw new DomainValidationException(DomainErrorCodes.Invalid, "level", "组织层级只能是中心、站、队或组。");
        if (parent is not null && parent.Level >= level)
            throw new RuleViolationException(DomainErrorCodes.OrganisationLevelOrder,
                $"“{parent.Name}”是{LevelName(parent.Level)}，下级只能是比它低的层级。");
        if (parent is null && level != OrganisationLevel.Center)
            throw new RuleViolationException(DomainErrorCodes.OrganisationParentRequired, $"{LevelName(level)}需要选择上级组织。");
        var id = Guid.CreateVersion7();
        return new Organisation
        {
            Id = id,
            Name = Guard.Text(name, "name", "组织名称", NameMaxLength),
            Level = level,
            ParentId = parent?.Id,
            DistrictCode = Guard.Text(districtCode, "districtCode", "所在区", District.CodeMaxLength),
            Path = (parent?.Path ?? "") + Segment(id),
            CreatedBy = by,
            CreatedAt = Guard.Utc(at),
        };
    }

    /// <summary>Whether <paramref name="other"/> is this node or lies under it.</summary>
    public bool Contains(Organisation other) => Covers(Path, other.Path);

    /// <summary>Whether the node with path <paramref name="path"/> is the node at <paramref name="ancestorPath"/> or under it.</summary>
    public static bool Covers(string ancestorPath, string path) => path.StartsWith(ancestorPath, StringComparison.Ordinal);

    public static string LevelName(OrganisationLevel level) => level switch
    {
        OrganisationLevel.Center => "志愿者中心",
        OrganisationLevel.Station => "志愿服务站",
        OrganisationLevel.Team => "志愿服务队",
        _ => "志愿服务组",
    };

    private static string Segment(Guid id) => id.ToString("N") + "/";
}
