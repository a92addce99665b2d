using WeChatWish.Domain;

namespace WeChatWish.Tests.Activities;

/// <summary>The activity rules of DESIGN.md §9 in the domain: shifts, places and waiting list, cutoff, overlap, check-in, minutes.</summary>
public class ActivityRuleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, China);
    private static readonly Actor Organiser = Actor.Staff(Guid.NewGuid());
    private static readonly ActivityRules Rules = ActivityRules.Default;

    private static Activity NewActivity(params NewShift[] shifts) => Activity.Create(new NewActivity("社区义诊", "为老人量血压", ServiceKind.HealthCare,
        "gulou", "鼓楼区幸福社区", new ActivityLocation(32.06, 118.78, 200), shifts.Length == 0 ? [Shift(Now.AddDays(1), 2, 10)] : shifts, null),
        Organiser, Now);

    private static NewShift Shift(DateTimeOffset start, double hours, int capacity) => new(start, start.AddHours(hours), capacity);

    private static SignUpCandidate Candidate(params HeldShift[] held) => new(true, 0, new HashSet<string>(), held);

    [Test]
    public void PlacesFillThenTheWaitingListNumbersInOrder()
    {
        var shift = NewActivity(Shift(Now.AddDays(1), 2, 2)).Shifts[0];

        var taken = Enumerable.Range(0, 5).Select(_ => shift.Take(Guid.NewGuid(), Now)).ToList();

        Assert.That(taken.Select(s => s.Status), Is.EqualTo(new[]
            { SignUpStatus.Confirmed, SignUpStatus.Confirmed, SignUpStatus.Waitlisted, SignUpStatus.Waitlisted, SignUpStatus.Waitlisted }));
        Assert.That(taken.Skip(2).Select(s => s.WaitNumber), Is.EqualTo(new long?[] { 1, 2, 3 }));
        Assert.That((shift.Confirmed, shift.Waitlisted), Is.EqualTo((2, 3)));
    }

    [Test]
    public void ReleasingAConfirmedPlaceLetsTheFirstInLineIn()
    {
        var shift = NewActivity(Shift(Now.AddDays(1), 2, 1)).Shifts[0];
        var first = shift.Take(Guid.NewGuid(), Now);
        var waiting = shift.Take(Guid.NewGuid(), Now);

        var freed = shift.Release(first, Actor.Volunteer(first.VolunteerId), Now);
        shift.Promote(waiting, Now);

        Assert.That(freed, Is.True);
        Assert.That((first.Status, waiting.Status), Is.EqualTo((SignUpStatus.Cancelled, SignUpStatus.Confirmed)));
        Assert.That((shift.Confirmed, shift.Waitlisted), Is.EqualTo((1, 0)));
        Assert.That(() => shift.Promote(waiting, Now), Throws.InvalidOperationException, "no second promotion into a full shift");
    }

    [Test]
    public void AConfirmedPlaceCannotBeGivenUpWithinTwoHoursOfTheStart()
    {
        var shift = NewActivity(Shift(Now.AddHours(3), 2, 1)).Shifts[0];
        var confirmed = shift.Take(Guid.NewGuid(), Now);
        var waiting = shift.Take(Guid.NewGuid(), Now);

        Assert.That(() => Rules.EnsureCanCancel(shift, confirmed, Now.AddMinutes(59)), Throws.Nothing);
        var late = Assert.Throws<RuleViolationException>(() => Rules.EnsureCanCancel(shift, confirmed, Now.AddMinutes(61)))!;
        Assert.That(late.Code, Is.EqualTo(DomainErrorCodes.ActivityCancelTooLate));
        Assert.That(late.Message, Does.Contain("2小时"));
        Assert.That(() => Rules.EnsureCanCancel(shift, waiting, Now.AddMinutes(61)), Throws.Nothing, "leaving the waiting list is always allowed");
    }

    [Test]
    public void OverlappingShiftsAreRefusedAndTouchingOnesAllowed()
    {
        var activity = NewActivity(Shift(Now.AddDays(1), 2, 5));
        activity.Publish(Now);
        var shift = activity.Shifts[0];

        var overlap = Assert.Throws<RuleViolationException>(() => Rules.EnsureCanSignUp(activity, shift,
            Candidate(new HeldShift(Guid.NewGuid(), shift.StartsAt.AddHours(1), shift.EndsAt.AddHours(1))), Now))!;
        Assert.That(overlap.Code, Is.EqualTo(DomainErrorCodes.ActivityShiftOverlap));
        Assert.That(() => Rules.EnsureCanSignUp(activity, shift, Candidate(new HeldShift(Guid.NewGuid(), shift.EndsAt, shift.EndsAt.AddHours(2))), Now),
            Throws.Nothing);
    }

    [Test]
    public void SignUpStaysOpenUntilTheShiftEndsAndChecksTheRequirements()
    {
        var activity = Activity.Create(new NewActivity("急救培训后的值守", "马拉松补给站", ServiceKind.HealthCare, "gulou", "玄武湖", null,
            [Shift(Now.AddHours(1), 2, 5)], new ActivityRequirements("应急救护", 2, null)), Organiser, Now);
        activity.Publish(Now);
        var shift = activity.Shifts[0];
        var trained = new SignUpCandidate(true, 2, new HashSet<string> { "应急救护" }, []);

        Assert.That(() => Rules.EnsureCanSignUp(activity, shift, trained, shift.StartsAt.AddMinutes(90)), Throws.Nothing, "late helpers are welcome");
        Assert.That(Assert.Throws<RuleViolationException>(() => Rules.EnsureCanSignUp(activity, shift, trained, shift.EndsAt))!.Code,
            Is.EqualTo(DomainErrorCodes.ActivityShiftEnded));
        Assert.That(Assert.Throws<RuleViolationException>(() => Rules.EnsureCanSignUp(activity, shift, trained with { StarLevel = 1 }, Now))!.Code,
            Is.EqualTo(DomainErrorCodes.ActivityStarLevelRequired));
        Assert.That(Assert.Throws<RuleViolationException>(() =>
                Rules.EnsureCanSignUp(activity, shift, trained with { ValidCourses = new HashSet<string>() }, Now))!.Code,
            Is.EqualTo(DomainErrorCodes.ActivityTrainingRequired));
    }

    [Test]
    public void CheckInOpensThirtyMinutesBeforeTheStartAndClosesAtTheEnd()
    {
        var shift = NewActivity(Shift(Now.AddHours(2), 2, 5)).Shifts[0];

        Assert.That(Assert.Throws<RuleViolationException>(() => shift.Take(Guid.NewGuid(), Now).Scan(shift, Rules, shift.StartsAt.AddMinutes(-31)))!.Code,
            Is.EqualTo(DomainErrorCodes.ActivityCheckInNotOpen));
        Assert.That(shift.Take(Guid.NewGuid(), Now).Scan(shift, Rules, shift.StartsAt.AddMinutes(-30)), Is.EqualTo(ScanResult.CheckedIn));
        Assert.That(shift.Take(Guid.NewGuid(), Now).Scan(shift, Rules, shift.EndsAt), Is.EqualTo(ScanResult.CheckedIn));
        Assert.That(Assert.Throws<RuleViolationException>(() => shift.Take(Guid.NewGuid(), Now).Scan(shift, Rules, shift.EndsAt.AddSeconds(1)))!.Code,
            Is.EqualTo(DomainErrorCodes.ActivityCheckInClosed));
    }

    [Test]
    public void ADoubleScanIsNotACheckOutAndAThirdScanIsRefused()
    {
        var shift = NewActivity(Shift(Now.AddHours(1), 2, 5)).Shifts[0];
        var signUp = shift.Take(Guid.NewGuid(), Now);

        Assert.That(signUp.Scan(shift, Rules, shift.StartsAt), Is.EqualTo(ScanResult.CheckedIn));
        Assert.That(signUp.Scan(shift, Rules, shift.StartsAt.AddMinutes(1)), Is.EqualTo(ScanResult.Unchanged));
        Assert.That(signUp.Scan(shift, Rules, shift.StartsAt.AddMinutes(100)), Is.EqualTo(ScanResult.CheckedOut));
        Assert.That(Assert.Throws<RuleViolationException>(() => signUp.Scan(shift, Rules, shift.StartsAt.AddMinutes(101)))!.Code,
            Is.EqualTo(DomainErrorCodes.ActivityAlreadyCheckedOut));
        Assert.That(signUp.ScannedMinutes(shift), Is.EqualTo(100));
    }

    [Test]
    public void MinutesAreTheOverlapWithTheShiftAcrossMidnightInChinaTime()
    {
        // 22:00 to 02:00 China time: the night shift of a 除夕 hotline.
        var start = new DateTimeOffset(2026, 12, 31, 22, 0, 0, China);
        var shift = NewActivity(Shift(start, 4, 5)).Shifts[0];

        Assert.Multiple(() =>
        {
            Assert.That(shift.MinutesServed(start.AddMinutes(-25), start.AddHours(4).AddMinutes(40)), Is.EqualTo(240), "early and late count no more");
            Assert.That(shift.MinutesServed(new DateTimeOffset(2026, 12, 31, 23, 30, 0, China), new DateTimeOffset(2027, 1, 1, 1, 15, 0, China)),
                Is.EqualTo(105));
            Assert.That(shift.MinutesServed(start.AddHours(5), start.AddHours(6)), Is.Zero);
        });
    }

    [Test]
    public void ACancelledActivityHoldsNoPlaces()
    {
        var activity = NewActivity(Shift(Now.AddDays(1), 2, 1));
        activity.Publish(Now);
        activity.Shifts[0].Take(Guid.NewGuid(), Now);
        activity.Shifts[0].Take(Guid.NewGuid(), Now);

        activity.Cancel("暴雨预警", Now);

        Assert.That((activity.Status, activity.Shifts[0].Confirmed, activity.Shifts[0].Waitlisted), Is.EqualTo((ActivityStatus.Cancelled, 0, 0)));
        Assert.That(Assert.Throws<IllegalTransitionException>(() => activity.Publish(Now))!.Code, Is.EqualTo(DomainErrorCodes.ActivityIllegalTransition));
    }

    [Test]
    public void ShiftsMustEndAfterTheyStartAndHaveAPlace()
    {
        Assert.That(Assert.Throws<DomainValidationException>(() => NewActivity(new NewShift(Now.AddDays(1), Now.AddDays(1), 5)))!.Field,
            Is.EqualTo("shifts[0].endsAt"));
        Assert.That(Assert.Throws<DomainValidationException>(() => NewActivity(Shift(Now.AddDays(1), 1, 5), Shift(Now.AddDays(2), 1, 0)))!.Field,
            Is.EqualTo("shifts[1].capacity"));
    }

    [Test]
    public void DistanceIsMeasuredOnTheGlobe()
    {
        var venue = new ActivityLocation(32.0603, 118.7969, 200);
        Assert.That(venue.DistanceMeters(32.0603, 118.7969), Is.EqualTo(0).Within(0.01));
        // 0.001° of latitude is about 111 m anywhere.
        Assert.That(venue.DistanceMeters(32.0613, 118.7969), Is.EqualTo(111.2).Within(0.5));
    }
}
