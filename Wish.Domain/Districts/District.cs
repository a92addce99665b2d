namespace WeChatWish.Domain;

/// <summary>A city district; volunteers and wishes belong to one, and browsing starts with the volunteer's own.</summary>
public sealed class District
{
    public const int CodeMaxLength = 32;
    public const int NameMaxLength = 50;

    private District()
    {
    }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public static District Create(string code, string name) => new()
    {
        Code = Guard.Text(code, "code", "区代码", CodeMaxLength),
        Name = Guard.Text(name, "name", "区名称", NameMaxLength),
    };

    /// <summary>The districts a fresh installation starts with (a made-up city modelled on Nanjing); staff may add more.</summary>
    public static IReadOnlyList<(string Code, string Name)> Seed { get; } =
    [
        ("gulou", "鼓楼区"),
        ("xuanwu", "玄武区"),
        ("qinhuai", "秦淮区"),
        ("jianye", "建邺区"),
        ("qixia", "栖霞区"),
        ("jiangning", "江宁区"),
    ];
}
