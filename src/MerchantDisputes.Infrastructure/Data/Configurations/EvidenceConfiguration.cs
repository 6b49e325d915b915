using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class EvidenceConfiguration : IEntityTypeConfiguration<EvidenceItem>
{
    public void Configure(EntityTypeBuilder<EvidenceItem> builder)
    {
        builder.ToTable("Evidence");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Caption).HasMaxLength(EvidenceItem.CaptionMaxLength);
        builder.Property(e => e.Format).HasMaxLength(10).IsUnicode(false);
        builder.Property(e => e.OriginalFormat).HasMaxLength(10).IsUnicode(false);
        builder.Property(e => e.ContentType).HasMaxLength(40).IsUnicode(false);
        builder.Property(e => e.OriginalSha256).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.SanitizedSha256).HasMaxLength(64).IsUnicode(false);
        builder.Property(e => e.BlobName).HasMaxLength(80).IsUnicode(false);
        builder.HasOne<Dispute>().WithMany().HasForeignKey(e => e.DisputeId).OnDelete(DeleteBehavior.Cascade);

        // A case's evidence list; the same bytes twice on one case; the same bytes in another case.
        builder.HasIndex(e => new { e.DisputeId, e.OriginalSha256 }).IsUnique();
        builder.HasIndex(e => e.OriginalSha256);

        // The orphan sweeper asks whether a blob name is known.
        builder.HasIndex(e => e.BlobName).IsUnique();
        builder.Ignore(e => e.IsPurged);
    }
}
