using System.Globalization;
using System.Text;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Infrastructure.Notifications;
using MerchantDisputes.Web.Features.Escalation;
using MerchantDisputes.Web.Infrastructure;

namespace MerchantDisputes.Web.Features.Notifications;

/// <summary>
/// The e-mail that goes with a notification, Chinese then English: the case number and title, what happened (the
/// platform's answer, the step the case climbed to), the next deadline in China Standard Time, and an absolute link
/// to the case built from <c>App:PublicBaseUrl</c>. Nothing more of the case: the reader signs in for the rest.
/// </summary>
internal sealed record CaseMail(Dispute Dispute, string Kind, string? Detail, Deadline? Next, Uri Link)
{
    private const int MaxSubjectTitle = 60;

    public OutboxEmail To(string address, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        ToAddress = address,
        Subject = Subject(),
        Body = Body("zh-CN") + "\n" + Body("en"),
        CreatedAt = now,
    };

    private string Subject()
    {
        var title = Dispute.Title.Length > MaxSubjectTitle ? Dispute.Title[..MaxSubjectTitle] + "…" : Dispute.Title;
        return $"[{Dispute.CaseNumber}] {In("zh-CN", What)} / {In("en", What)} · {title}";
    }

    private string Body(string culture) => In(culture, () =>
    {
        var text = new StringBuilder();
        text.AppendLine(Problems.Text("Mail.Case", Dispute.CaseNumber, Dispute.Title, What()));
        if (Next is not null)
        {
            text.AppendLine(Problems.Text("Mail.NextDeadline", Problems.Text(Next.TextKey, Display.InstantWithZone(Next.At)).TrimEnd('，', ',', ';', ' ')));
        }

        text.AppendLine(Problems.Text("Mail.Link", Link.AbsoluteUri));
        return text.ToString();
    });

    /// <summary>The kind in words, with the platform's answer or the escalation step when there is one.</summary>
    private string What()
    {
        var kind = Problems.Text("Timeline." + Kind);
        return Detail switch
        {
            null or "" => kind,
            _ when Kind == "Escalate" => Problems.Text("Notifications.EscalatedTo", Problems.Text("Escalation." + Detail)),
            _ when Kind == "PlatformRespond" => Problems.Text("Notifications.Answered", Problems.Text("Outcome." + Detail)),
            _ => kind,
        };
    }

    private static T In<T>(string culture, Func<T> text)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return text();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }
}
