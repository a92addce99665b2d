using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data.Configurations;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("Activities");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Title).HasMaxLength(Activity.TitleMaxLength);
        builder.Property(a => a.Content).HasMaxLength(Activity.ContentMaxLength);
        builder.Property(a => a.DistrictCode).HasMaxLength(District.CodeMaxLength);
        builder.Property(a => a.Place).HasMaxLength(Activity.PlaceMaxLength);
        builder.Property(a => a.RequiredTrainingCourse).HasMaxLength(Activity.TrainingCourseMaxLength);
        builder.Property(a => a.CancelReason).HasMaxLength(Activity.ReasonMaxLength);
        builder.Ignore(a => a.Location);
        builder.HasMany(a => a.Shifts).WithOne().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(a => a.Shifts).HasField("_shifts").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(a => new { a.Status, a.DistrictCode, a.CreatedAt });
        // Volunteers page through published activities by (StartsAt, Id).
        builder.HasIndex(a => new { a.StartsAt, a.Id }).HasFilter(Sql.Is(nameof(Activity.Status), ActivityStatus.Published))
            .HasDatabaseName("IX_Activities_Published_ByStart");
    }
}

public sealed class ShiftConfiguration : IEntityTypeConfiguration<Shift>
{
    public void Configure(EntityTypeBuilder<Shift> builder)
    {
        // The last word on capacity: whatever a handler does, a shift never holds more confirmed places than it has.
        builder.ToTable("Shifts", t =>
        {
            t.HasCheckConstraint("CK_Shifts_Places", "\"Confirmed\" >= 0 AND \"Confirmed\" <= \"Capacity\" AND \"Waitlisted\" >= 0");
            t.HasCheckConstraint("CK_Shifts_Times", "\"EndsAt\" > \"StartsAt\"");
        });
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.HasIndex(s => new { s.StartsAt, s.EndsAt });
    }
}

public sealed class SignUpConfiguration : IEntityTypeConfiguration<SignUp>
{
    public const string OneActivePerShiftIndex = "IX_SignUps_OneActivePerShift";

    public void Configure(EntityTypeBuilder<SignUp> builder)
    {
        builder.ToTable("SignUps");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.AttendanceNote).HasMaxLength(SignUp.NoteMaxLength);
        builder.HasOne<Shift>().WithMany().HasForeignKey(s => s.ShiftId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Activity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Restrict);

        var notCancelled = $"\"{nameof(SignUp.Status)}\" <> '{SignUpStatus.Cancelled}'";
        builder.HasIndex(s => new { s.ShiftId, s.VolunteerId }).IsUnique().HasFilter(notCancelled).HasDatabaseName(OneActivePerShiftIndex);
        // The first in line: the lowest number among those still waiting.
        builder.HasIndex(s => new { s.ShiftId, s.WaitNumber }).HasFilter(Sql.Is(nameof(SignUp.Status), SignUpStatus.Waitlisted))
            .HasDatabaseName("IX_SignUps_WaitingLine");
        builder.HasIndex(s => new { s.VolunteerId, s.Status });
    }
}
