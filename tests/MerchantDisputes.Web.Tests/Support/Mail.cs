using System.Text;
using System.Text.RegularExpressions;

namespace MerchantDisputes.Web.Tests.Support;

/// <summary>One message as the pickup folder holds it (an .eml file), decoded.</summary>
public sealed partial record Mail(string To, string Subject, string Body)
{
    /// <summary>The first absolute link in the body.</summary>
    public Uri Link => new(Url().Match(Body) is { Success: true } m ? m.Value : throw new InvalidOperationException("no link in:\n" + Body));

    /// <summary>Headers and a text body as System.Net.Mail writes them: encoded words, base64 or quoted-printable.</summary>
    public static Mail Parse(string eml)
    {
        ArgumentNullException.ThrowIfNull(eml);
        var split = eml.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = Folding().Replace(eml[..split], " ")
            .Split("\r\n")
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .GroupBy(parts => parts[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = eml[(split + 4)..];
        var encoding = headers.GetValueOrDefault("Content-Transfer-Encoding", "7bit");
        var text = encoding.Equals("base64", StringComparison.OrdinalIgnoreCase)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(Whitespace().Replace(body, "")))
            : encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) ? QuotedPrintable(body) : body;
        return new Mail(headers.GetValueOrDefault("To", ""), Words(headers.GetValueOrDefault("Subject", "")), text);
    }

    private static string Words(string header) =>
        EncodedWord().Replace(BetweenWords().Replace(header, "?==?"), m => Encoding.GetEncoding(m.Groups[1].Value).GetString(
            m.Groups[2].Value.Equals("B", StringComparison.OrdinalIgnoreCase)
                ? Convert.FromBase64String(m.Groups[3].Value)
                : Encoding.Latin1.GetBytes(QuotedPrintable(m.Groups[3].Value.Replace('_', ' ')))));

    private static string QuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        var unfolded = text.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=' && i + 2 < unfolded.Length)
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)unfolded[i]);
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    [GeneratedRegex(@"=\?([^?]+)\?([BbQq])\?([^?]*)\?=")]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\r\n[ \t]+")]
    private static partial Regex Folding();

    [GeneratedRegex(@"\s")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex BetweenWords();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();
}
