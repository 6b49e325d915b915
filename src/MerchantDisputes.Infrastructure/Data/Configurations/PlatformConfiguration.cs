using MerchantDisputes.Domain.Platforms;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class PlatformConfiguration : IEntityTypeConfiguration<Platform>
{
    public void Configure(EntityTypeBuilder<Platform> builder)
    {
        builder.ToTable("Platforms");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.Slug).HasMaxLength(32).IsUnicode(false);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.Property(p => p.NameZh).HasMaxLength(Platform.NameMaxLength);
        builder.Property(p => p.NameEn).HasMaxLength(Platform.NameMaxLength);
        builder.HasData(Platform.Seed.Select(p => new { p.Id, p.Slug, p.NameZh, p.NameEn, p.IsActive }));
    }
}

internal sealed class CaseNumberSequenceConfiguration : IEntityTypeConfiguration<Infrastructure.Data.CaseNumberSequence>
{
    public void Configure(EntityTypeBuilder<Infrastructure.Data.CaseNumberSequence> builder)
    {
        builder.ToTable("CaseNumberSequences");
        builder.HasKey(s => s.Year);
        builder.Property(s => s.Year).ValueGeneratedNever();
    }
}
