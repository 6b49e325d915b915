using MerchantDisputes.Domain.Time;
using MerchantDisputes.Infrastructure.Calendar;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class CalendarChangeConfiguration : IEntityTypeConfiguration<CalendarChange>
{
    public void Configure(EntityTypeBuilder<CalendarChange> builder)
    {
        builder.ToTable("CalendarChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(CalendarDay.NameMaxLength);
        builder.Property(c => c.Reason).HasMaxLength(CalendarChange.ReasonMaxLength);

        // The calendar reads the latest change of each date; the audit page lists them newest first.
        builder.HasIndex(c => new { c.Date, c.ChangedAt });
        builder.HasIndex(c => c.ChangedAt);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(c => c.ChangedBy).OnDelete(DeleteBehavior.Restrict);
    }
}
