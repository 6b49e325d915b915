using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> builder)
    {
        builder.Property(u => u.DisplayName).HasMaxLength(MerchantProfile.DisplayNameMaxLength);
        builder.Property(u => u.StoreName).HasMaxLength(MerchantProfile.StoreNameMaxLength);
        builder.Property(u => u.StoreId).HasMaxLength(MerchantProfile.StoreIdMaxLength);
        builder.Property(u => u.Province).HasMaxLength(8).IsUnicode(false);
        builder.Property(u => u.Gender).HasConversion<string>().HasMaxLength(8);
        builder.HasOne<Platform>().WithMany().HasForeignKey(u => u.PlatformId).OnDelete(DeleteBehavior.Restrict);
    }
}
