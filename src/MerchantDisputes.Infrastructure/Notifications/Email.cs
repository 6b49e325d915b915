using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Mail;
using MerchantDisputes.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Notifications;

public enum EmailDelivery
{
    /// <summary>Writes each message as a .eml file into a folder (the default; nothing leaves the machine).</summary>
    PickupFolder,

    Smtp,
}

/// <summary>Section "Email".</summary>
public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.PickupFolder;

    /// <summary>Pickup folder; empty means &lt;DataDirectory&gt;/mail-pickup.</summary>
    public string? PickupDirectory { get; set; }

    [Required]
    public string From { get; set; } = "MerchantDisputes <no-reply@merchantdisputes.local>";

    public string? SmtpHost { get; set; }

    [Range(1, 65535)]
    public int SmtpPort { get; set; } = 587;

    public bool SmtpEnableSsl { get; set; } = true;
    public string? SmtpUser { get; set; }
    public string? SmtpPassword { get; set; }
}

/// <summary>Delivers one message; throws when it could not.</summary>
public interface IEmailSender
{
    Task SendAsync(OutboxEmail email, CancellationToken cancellationToken);
}

internal sealed class PickupFolderEmailSender(IOptions<EmailOptions> options, string defaultDirectory) : IEmailSender
{
    public async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var directory = string.IsNullOrWhiteSpace(options.Value.PickupDirectory) ? defaultDirectory : options.Value.PickupDirectory;
        Directory.CreateDirectory(directory);
        using var message = Message(options.Value.From, email);
        using var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = directory };
        await client.SendMailAsync(message, cancellationToken);
    }

    internal static MailMessage Message(string from, OutboxEmail email) =>
        new(new MailAddress(from), new MailAddress(email.ToAddress))
        {
            Subject = email.Subject,
            Body = email.Body,
            BodyEncoding = System.Text.Encoding.UTF8,
            SubjectEncoding = System.Text.Encoding.UTF8,
        };
}

internal sealed class SmtpEmailSender(IOptions<EmailOptions> options) : IEmailSender
{
    public async Task SendAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        var o = options.Value;
        using var message = PickupFolderEmailSender.Message(o.From, email);
        using var client = new SmtpClient(o.SmtpHost, o.SmtpPort) { EnableSsl = o.SmtpEnableSsl };
        if (!string.IsNullOrEmpty(o.SmtpUser))
        {
            client.Credentials = new NetworkCredential(o.SmtpUser, o.SmtpPassword);
        }

        await client.SendMailAsync(message, cancellationToken);
    }
}

/// <summary>Sends unsent outbox mail, oldest first; a failure is counted and retried on a later run.</summary>
public sealed partial class OutboxDispatcher(DisputesDbContext db, IEmailSender sender, TimeProvider clock, ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 50;

    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var batch = await db.OutboxEmails
            .Where(e => e.SentAt == null && e.Attempts < OutboxEmail.MaxAttempts && e.CreatedAt <= now)
            .OrderBy(e => e.CreatedAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var sent = 0;
        foreach (var email in batch)
        {
            sent += await TrySendAsync(email, cancellationToken) ? 1 : 0;
            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    private async Task<bool> TrySendAsync(OutboxEmail email, CancellationToken cancellationToken)
    {
        email.Attempts++;
        try
        {
            await sender.SendAsync(email, cancellationToken);
            email.SentAt = clock.GetUtcNow();
            email.LastError = null;
            return true;
        }
        catch (Exception e) when (e is SmtpException or IOException or InvalidOperationException or FormatException)
        {
            email.LastError = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            LogFailed(logger, email.Id, email.Attempts, e);
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox email {Id} failed on attempt {Attempt}")]
    private static partial void LogFailed(ILogger logger, Guid id, int attempt, Exception exception);
}
