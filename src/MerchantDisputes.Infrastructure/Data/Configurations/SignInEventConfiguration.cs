using MerchantDisputes.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class SignInEventConfiguration : IEntityTypeConfiguration<SignInEvent>
{
    public void Configure(EntityTypeBuilder<SignInEvent> builder)
    {
        builder.ToTable("SignInEvents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(24).IsUnicode(false);
        builder.Property(e => e.Method).HasConversion<string>().HasMaxLength(16).IsUnicode(false);
        builder.Property(e => e.IpAddress).HasMaxLength(SignInEvent.AddressMaxLength).IsUnicode(false);
        builder.Property(e => e.UserAgent).HasMaxLength(SignInEvent.UserAgentMaxLength);

        // A user's history, newest first; the account goes, its history goes with it.
        builder.HasIndex(e => new { e.UserId, e.At });

        // The retention job prunes attempts older than Privacy:SignInHistoryRetention, whoever made them.
        builder.HasIndex(e => e.At);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
