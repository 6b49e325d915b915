using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class PublicTallyConfiguration : IEntityTypeConfiguration<PublicTally>
{
    public const int KeyMaxLength = 32;

    public void Configure(EntityTypeBuilder<PublicTally> builder)
    {
        builder.ToTable("PublicTallies");

        // A year is one range of this key (optionally one platform inside each month), read without the table.
        builder.HasKey(t => new { t.Period, t.PlatformId, t.Dimension, t.Key });
        builder.Property(t => t.Key).HasMaxLength(KeyMaxLength).IsUnicode(false);
    }
}
