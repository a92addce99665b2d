using WeChatWish.Domain;

namespace WeChatWish.Tests.Projects;

/// <summary>The project's own rules (DESIGN.md §10): one step forward at a time, closing with an evaluation, the roster, activities.</summary>
public sealed class ProjectRuleTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Staff = Actor.Staff(Guid.NewGuid());

    private static Project Proposed() => Project.Propose(new NewProject("助老理发", "独居老人理发难", Guid.NewGuid(), ProjectFrequency.Monthly,
        "每月第一个周六上午", "幸福社区服务中心", "上门或集中理发、修剪指甲", "gulou"), Actor.Volunteer(Guid.NewGuid()), At);

    private static Project In(ProjectStatus status)
    {
        var project = Proposed();
        if (status >= ProjectStatus.Approved) project.Approve(Staff, At.AddDays(1));
        if (status >= ProjectStatus.Running) project.Start(At.AddDays(2));
        if (status >= ProjectStatus.Closed) project.Close("老人们很满意", 5, Staff, At.AddDays(30));
        return project;
    }

    private static Beneficiary Person(string name = "王秀英") => Beneficiary.Create(name, "13900001111", "某街道1号", null, "gulou", null, At);

    private static readonly Dictionary<string, Action<Project>> Moves = new()
    {
        ["approve"] = p => p.Approve(Staff, At.AddDays(40)),
        ["start"] = p => p.Start(At.AddDays(40)),
        ["close"] = p => p.Close("评估", 4, Staff, At.AddDays(40)),
    };

    [Test]
    public void AProjectGoesFromProposedThroughApprovedAndRunningToClosed()
    {
        var project = Proposed();
        Assert.That((project.Status, project.Frequency, project.FrequencyNote), Is.EqualTo((ProjectStatus.Proposed, ProjectFrequency.Monthly, "每月第一个周六上午")));
        project.Approve(Staff, At.AddDays(1));
        Assert.That((project.Status, project.ApprovedBy, project.ApprovedAt), Is.EqualTo((ProjectStatus.Approved, (Actor?)Staff, (DateTimeOffset?)At.AddDays(1))));
        project.Start(At.AddDays(2));
        Assert.That((project.Status, project.StartedAt), Is.EqualTo((ProjectStatus.Running, (DateTimeOffset?)At.AddDays(2))));
        project.Close("  老人们很满意  ", 5, Staff, At.AddDays(30));
        Assert.That((project.Status, project.Evaluation, project.Rating, project.ClosedBy), Is.EqualTo((ProjectStatus.Closed, "老人们很满意", (int?)5, (Actor?)Staff)));
    }

    [TestCase(ProjectStatus.Proposed, "start")]
    [TestCase(ProjectStatus.Proposed, "close")]
    [TestCase(ProjectStatus.Approved, "approve")]
    [TestCase(ProjectStatus.Approved, "close")]
    [TestCase(ProjectStatus.Running, "approve")]
    [TestCase(ProjectStatus.Running, "start")]
    [TestCase(ProjectStatus.Closed, "approve")]
    [TestCase(ProjectStatus.Closed, "start")]
    [TestCase(ProjectStatus.Closed, "close")]
    public void AMoveOutOfOrderIsRefusedAndChangesNothing(ProjectStatus from, string move)
    {
        var project = In(from);
        var refused = Assert.Throws<IllegalTransitionException>(() => Moves[move](project))!;
        Assert.That((refused.Code, refused.From, refused.Action, project.Status), Is.EqualTo((DomainErrorCodes.ProjectIllegalTransition, from.ToString(), move, from)));
    }

    [TestCase(null, 4)]
    [TestCase("   ", 4)]
    [TestCase("做得很好", null)]
    public void ClosingWithoutAnEvaluationAndARatingIsRefused(string? evaluation, int? rating)
    {
        var project = In(ProjectStatus.Running);
        var refused = Assert.Throws<RuleViolationException>(() => project.Close(evaluation, rating, Staff, At.AddDays(30)))!;
        Assert.That((refused.Code, project.Status, project.Evaluation), Is.EqualTo((DomainErrorCodes.ProjectEvaluationRequired, ProjectStatus.Running, (string?)null)));
    }

    [TestCase(0)]
    [TestCase(6)]
    public void ARatingOutsideOneToFiveIsRefused(int rating)
    {
        var project = In(ProjectStatus.Running);
        var refused = Assert.Throws<DomainValidationException>(() => project.Close("评估", rating, Staff, At.AddDays(30)))!;
        Assert.That((refused.Field, project.Status), Is.EqualTo(("rating", ProjectStatus.Running)));
    }

    [Test]
    public void AProposalNeedsItsNeedPlaceAndContent()
    {
        var blank = Assert.Throws<DomainValidationException>(() => Project.Propose(new NewProject("名称", " ", Guid.NewGuid(), ProjectFrequency.Weekly, null,
            "地点", "内容", "gulou"), Staff, At))!;
        Assert.That(blank.Field, Is.EqualTo("need"));
        var noTeam = Assert.Throws<DomainValidationException>(() => Project.Propose(new NewProject("名称", "需求", Guid.Empty, ProjectFrequency.Weekly, null,
            "地点", "内容", "gulou"), Staff, At))!;
        Assert.That(noTeam.Field, Is.EqualTo("organisationId"));
    }

    [Test]
    public void TheRosterRecordsWhoAddedAndRemovedEachPersonAndTakesThemOnceAtATime()
    {
        var project = In(ProjectStatus.Approved);
        var wang = Person();
        var li = Person("李桂兰");
        var added = project.AddBeneficiary(wang, Staff, At.AddDays(3));
        project.AddBeneficiary(li, Staff, At.AddDays(3));
        Assert.That((added.AddedBy, added.AddedAt, added.IsCurrent), Is.EqualTo((Staff, At.AddDays(3), true)));

        var twice = Assert.Throws<ConflictException>(() => project.AddBeneficiary(wang, Staff, At.AddDays(4)))!;
        Assert.That(twice.Code, Is.EqualTo(DomainErrorCodes.ProjectBeneficiaryAlreadyListed));

        var remover = Actor.Staff(Guid.NewGuid());
        var removed = project.RemoveBeneficiary(wang.Id, remover, At.AddDays(5));
        Assert.That((removed.RemovedBy, removed.RemovedAt, removed.IsCurrent), Is.EqualTo(((Actor?)remover, (DateTimeOffset?)At.AddDays(5), false)));
        Assert.That(project.CurrentRoster.Select(r => r.BeneficiaryId), Is.EqualTo(new[] { li.Id }));
        var gone = Assert.Throws<NotFoundException>(() => project.RemoveBeneficiary(wang.Id, Staff, At.AddDays(6)))!;
        Assert.That(gone.Code, Is.EqualTo(DomainErrorCodes.ProjectBeneficiaryNotListed));

        // Back on the roster later: a new entry, the old one kept as history.
        project.AddBeneficiary(wang, Staff, At.AddDays(7));
        Assert.That(project.Roster.Count(r => r.BeneficiaryId == wang.Id), Is.EqualTo(2));
        Assert.That(project.CurrentRoster.Select(r => r.BeneficiaryId), Is.EquivalentTo(new[] { li.Id, wang.Id }));
    }

    [Test]
    public void AClosedProjectsRosterAndAnErasedPersonCannotChange()
    {
        var erased = Person();
        erased.Erase(At);
        var running = In(ProjectStatus.Running);
        Assert.That(Assert.Throws<RuleViolationException>(() => running.AddBeneficiary(erased, Staff, At))!.Code, Is.EqualTo(DomainErrorCodes.BeneficiaryErased));

        var person = Person();
        var project = In(ProjectStatus.Running);
        project.AddBeneficiary(person, Staff, At.AddDays(3));
        project.Close("评估", 3, Staff, At.AddDays(30));
        Assert.That(Assert.Throws<RuleViolationException>(() => project.AddBeneficiary(Person("赵大爷"), Staff, At.AddDays(31)))!.Code,
            Is.EqualTo(DomainErrorCodes.ProjectClosed));
        Assert.That(Assert.Throws<RuleViolationException>(() => project.RemoveBeneficiary(person.Id, Staff, At.AddDays(31)))!.Code,
            Is.EqualTo(DomainErrorCodes.ProjectClosed));
    }

    [TestCase(ProjectStatus.Proposed, false)]
    [TestCase(ProjectStatus.Approved, true)]
    [TestCase(ProjectStatus.Running, true)]
    [TestCase(ProjectStatus.Closed, false)]
    public void OnlyAnApprovedOrRunningProjectTakesActivities(ProjectStatus status, bool takes)
    {
        var project = In(status);
        var spec = new NewActivity("上门理发", "为老人理发", ServiceKind.CommunityHelp, "gulou", "幸福社区", null,
            [new NewShift(At.AddDays(10), At.AddDays(10).AddHours(2), 5)], null);
        if (takes)
        {
            Assert.That(Activity.Create(spec, Staff, At, project).ProjectId, Is.EqualTo(project.Id));
            return;
        }
        var refused = Assert.Throws<RuleViolationException>(() => Activity.Create(spec, Staff, At, project))!;
        Assert.That(refused.Code, Is.EqualTo(DomainErrorCodes.ProjectNotTakingActivities));
    }
}
