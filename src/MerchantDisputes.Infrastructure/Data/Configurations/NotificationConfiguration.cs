using MerchantDisputes.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace MerchantDisputes.Infrastructure.Data.Configurations;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.CaseNumber).HasMaxLength(20).IsUnicode(false);
        builder.Property(n => n.Kind).HasMaxLength(40).IsUnicode(false);
        builder.Property(n => n.Detail).HasMaxLength(500);

        // The unread count and the list, newest first, per user.
        builder.HasIndex(n => new { n.UserId, n.ReadAt, n.CreatedAt });
    }
}

internal sealed class OutboxEmailConfiguration : IEntityTypeConfiguration<OutboxEmail>
{
    public void Configure(EntityTypeBuilder<OutboxEmail> builder)
    {
        builder.ToTable("OutboxEmails");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.ToAddress).HasMaxLength(256);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.LastError).HasMaxLength(1000);

        // The dispatcher reads unsent mail oldest first.
        builder.HasIndex(e => new { e.SentAt, e.CreatedAt });
    }
}
