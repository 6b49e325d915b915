using MerchantDisputes.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> builder)
    {
        builder.ToTable("TimelineEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Kind).HasMaxLength(40).IsUnicode(false);
        builder.Property(e => e.ActorRole).HasMaxLength(20).IsUnicode(false);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.Hash).HasMaxLength(64).IsUnicode(false);
        // A number: the queries read "audience at most X", which must not compare names as text.
        builder.Property(e => e.Audience);

        // One chain per case, read in order; a duplicate sequence means two writers raced.
        builder.HasIndex(e => new { e.DisputeId, e.Sequence }).IsUnique();
    }
}
