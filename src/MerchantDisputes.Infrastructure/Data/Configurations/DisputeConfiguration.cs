using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.ToTable("Disputes");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.CaseNumber).HasMaxLength(CaseNumber.MaxLength).IsUnicode(false);
        builder.HasIndex(d => d.CaseNumber).IsUnique();
        builder.Property(d => d.Type).HasConversion<string>().HasMaxLength(20).IsUnicode(false);
        builder.Property(d => d.Status).HasConversion<string>().HasMaxLength(20).IsUnicode(false);
        // Ordered enums stay numbers, so that "at least LegalReview" or "worse than" compare correctly in SQL.
        builder.Property(d => d.EscalationLevel);
        builder.Property(d => d.Rating);
        builder.Property(d => d.Title).HasMaxLength(DisputeContent.TitleMaxLength);
        builder.Property(d => d.Narrative).HasMaxLength(DisputeContent.NarrativeMaxLength);
        builder.Property(d => d.DesiredOutcome).HasMaxLength(DisputeContent.DesiredOutcomeMaxLength);
        builder.Property(d => d.Amount).HasPrecision(18, 2);
        builder.Property(d => d.Currency).HasMaxLength(3).IsUnicode(false).IsFixedLength();
        builder.Property(d => d.Region).HasMaxLength(8).IsUnicode(false);
        builder.Property(d => d.LastTimelineHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Property(d => d.DeadlineWindow).HasMaxLength(16).IsUnicode(false);
        builder.Property(d => d.MerchantGender).HasConversion<string>().HasMaxLength(8).IsUnicode(false);
        builder.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(20).IsUnicode(false);
        // Ticks as a 64-bit integer on both providers: SQL Server's time(7) stops at 24 hours, SQLite's text does not sort.
        builder.Property(d => d.TimeToFirstAnswer).HasConversion<long?>();

        builder.HasOne<Platform>().WithMany().HasForeignKey(d => d.PlatformId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(d => d.MerchantId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(d => d.Timeline).WithOne().HasForeignKey(e => e.DisputeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(d => d.Timeline).UsePropertyAccessMode(PropertyAccessMode.Field);

        ConfigureDetails(builder);

        // A merchant's dashboard: their cases, newest first.
        builder.HasIndex(d => new { d.MerchantId, d.CreatedAt });

        // The deadline sweep reads only due cases, one status at a time, in keyset pages ordered by (next deadline, Id):
        // with the Id in the index a page is an index range read in order, never a sort of every due case.
        builder.HasIndex(d => new { d.Status, d.DeadlineAt, d.Id });

        // Public statistics (Web: Features/Transparency/PublicQueries): every distribution filters on the submission month
        // (China Standard Time), optionally one platform, and groups by columns that these indexes carry, so each
        // GROUP BY reads one index and never the wide rows with their narratives.
        builder.HasIndex(d => new { d.SubmittedPeriod, d.PlatformId, d.Type, d.Region, d.MerchantGender, d.Currency, d.Amount },
            "IX_Disputes_Reporting_Dimensions");
        builder.HasIndex(d => new
        {
            d.SubmittedPeriod, d.PlatformId, d.ForwardedAt, d.TimeToFirstAnswer, d.AnsweredBeforeFirstDeadline, d.Rating, d.Accepted, d.MerchantScore,
        }, "IX_Disputes_Reporting_Outcomes");

        // The median time to answer of one platform: its answered cases in answer-time order.
        builder.HasIndex(d => new { d.PlatformId, d.TimeToFirstAnswer, d.SubmittedPeriod }, "IX_Disputes_Reporting_AnswerTime");

        // The public feed, newest first, of everyone or of one platform.
        builder.HasIndex(d => d.SubmittedAt);
        builder.HasIndex(d => new { d.PlatformId, d.SubmittedAt });

        // Queues by status, nearest platform deadline first.
        builder.HasIndex(d => new { d.Status, d.RespondBy });

        // The staff queue without a status filter, in its order (deadline, then submission): a page is an index range
        // instead of a sort of every submitted case (tests/perf/http.sh: 100,000 cases).
        builder.HasIndex(d => new { d.RespondBy, d.SubmittedAt, d.Id }, "IX_Disputes_Queue");
        builder.HasIndex(d => new { d.PlatformId, d.Status });

        // The retention job (Web: Features/Jobs/RetentionJob) finds the cases that ended before its cut-off.
        builder.HasIndex(d => d.EndedAt);
    }

    private static void ConfigureDetails(EntityTypeBuilder<Dispute> builder)
    {
        builder.OwnsOne(d => d.RefundOnly, o =>
        {
            o.Property(x => x.OrderNumber).HasColumnName("RefundOnly_OrderNumber").HasMaxLength(DisputeContent.ReferenceMaxLength);
            o.Property(x => x.RuledOn).HasColumnName("RefundOnly_RuledOn");
            o.Property(x => x.RefundedAmount).HasColumnName("RefundOnly_RefundedAmount").HasPrecision(18, 2);
            o.Property(x => x.LogisticsStatus).HasColumnName("RefundOnly_LogisticsStatus").HasConversion<string>().HasMaxLength(24);
            o.Property(x => x.TrackingNumber).HasColumnName("RefundOnly_TrackingNumber").HasMaxLength(DisputeContent.ReferenceMaxLength);
        });
        builder.OwnsOne(d => d.FrozenFunds, o =>
        {
            o.Property(x => x.FrozenAmount).HasColumnName("FrozenFunds_FrozenAmount").HasPrecision(18, 2);
            o.Property(x => x.FrozenSince).HasColumnName("FrozenFunds_FrozenSince");
            o.Property(x => x.StatedFreezeDays).HasColumnName("FrozenFunds_StatedFreezeDays");
            o.Property(x => x.ReasonGiven).HasColumnName("FrozenFunds_ReasonGiven").HasMaxLength(DisputeContent.ReasonMaxLength);
            o.Property(x => x.StoreId).HasColumnName("FrozenFunds_StoreId").HasMaxLength(Domain.Users.MerchantProfile.StoreIdMaxLength);
        });
        builder.OwnsOne(d => d.ForcedFee, o =>
        {
            o.Property(x => x.ProgrammeName).HasColumnName("ForcedFee_ProgrammeName").HasMaxLength(DisputeContent.ProgrammeNameMaxLength);
            o.Property(x => x.FeeAmount).HasColumnName("ForcedFee_FeeAmount").HasPrecision(18, 2);
            o.Property(x => x.EnrolledOn).HasColumnName("ForcedFee_EnrolledOn");
            o.Property(x => x.ConsentGiven).HasColumnName("ForcedFee_ConsentGiven");
            o.Property(x => x.ExitBlockedUntil).HasColumnName("ForcedFee_ExitBlockedUntil");
            o.Property(x => x.StoreId).HasColumnName("ForcedFee_StoreId").HasMaxLength(Domain.Users.MerchantProfile.StoreIdMaxLength);
        });
    }
}
