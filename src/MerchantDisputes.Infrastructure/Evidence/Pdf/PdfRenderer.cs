using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using Microsoft.Extensions.Options;

namespace MerchantDisputes.Infrastructure.Evidence.Pdf;

/// <summary>
/// pdfinfo counts the pages, pdftoppm renders them to PNG, each in its own process under prlimit (address space and
/// CPU seconds) and killed at the timeout, in a temporary folder removed afterwards. Poppler runs no script and
/// fetches nothing; what comes out is only pixels, which then go through the image sanitizer like any screenshot.
/// </summary>
internal sealed partial class PdfRenderer : IPdfRenderer
{
    private readonly PdfOptions _options;
    private readonly EvidenceLimits _limits;
    private readonly string? _pdftoppm;
    private readonly string? _pdfinfo;
    private readonly string? _prlimit;

    public PdfRenderer(IOptions<PdfOptions> options, IOptions<EvidenceLimits> limits)
    {
        _options = options.Value;
        _limits = limits.Value;
        _pdftoppm = Executables.Find(_options.Pdftoppm);
        _pdfinfo = Executables.Find(_options.Pdfinfo);
        _prlimit = Executables.Find("prlimit");
    }

    public bool IsAvailable => _pdftoppm is not null && _pdfinfo is not null;

    public async Task<IReadOnlyList<EvidenceUpload>> RenderAsync(EvidenceUpload pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (!IsAvailable)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.PdfUnavailable, "pdftoppm or pdfinfo is not installed.");
        }

        var folder = Directory.CreateTempSubdirectory("md-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "statement.pdf");
            await File.WriteAllBytesAsync(input, pdf.Bytes.ToArray(), cancellationToken);
            var pages = await CountPagesAsync(input, cancellationToken);
            await RunAsync(_pdftoppm!, ["-png", "-scale-to", _options.PageSide.ToString(CultureInfo.InvariantCulture), "-f", "1", "-l",
                pages.ToString(CultureInfo.InvariantCulture), input, Path.Combine(folder, "page")], cancellationToken);
            return await ReadPagesAsync(folder, pages, cancellationToken);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<int> CountPagesAsync(string input, CancellationToken cancellationToken)
    {
        var output = await RunAsync(_pdfinfo!, [input], cancellationToken);
        var match = PagesLine().Match(output);
        if (!match.Success || !int.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var pages) || pages < 1)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, "pdfinfo reports no pages.");
        }

        return pages <= _options.MaxPages
            ? pages
            : throw new EvidenceRejectedException(EvidenceRejectionReason.TooManyPages, $"{pages} pages.");
    }

    /// <summary>pdftoppm names pages page-1.png … or page-01.png …, padded to the width of the last number.</summary>
    private async Task<IReadOnlyList<EvidenceUpload>> ReadPagesAsync(string folder, int pages, CancellationToken cancellationToken)
    {
        var files = Directory.GetFiles(folder, "page-*.png").Order(StringComparer.Ordinal).ToList();
        if (files.Count != pages)
        {
            throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, $"pdftoppm wrote {files.Count} of {pages} pages.");
        }

        var images = new List<EvidenceUpload>(files.Count);
        foreach (var file in files)
        {
            await using var stream = File.OpenRead(file);
            images.Add(await EvidenceUpload.ReceiveAsync(stream, _limits.MaxFileBytes, cancellationToken));
        }

        return images;
    }

    /// <summary>Runs one poppler tool under prlimit when the system has it; returns its standard output.</summary>
    private async Task<string> RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = StartInfo(tool, arguments) };
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(_options.Timeout);
        process.Start();
        var output = process.StandardOutput.ReadToEndAsync(budget.Token);
        var errors = process.StandardError.ReadToEndAsync(budget.Token);
        try
        {
            await process.WaitForExitAsync(budget.Token);
            await Task.WhenAll(output, errors);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested)
            {
                throw;
            }

            throw new EvidenceRejectedException(EvidenceRejectionReason.TooSlow, $"{Path.GetFileName(tool)} ran past {_options.Timeout}.");
        }

        return process.ExitCode == 0
            ? await output
            : throw new EvidenceRejectedException(EvidenceRejectionReason.Corrupt, $"{Path.GetFileName(tool)} exited with {process.ExitCode}.");
    }

    private ProcessStartInfo StartInfo(string tool, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (_prlimit is null)
        {
            info.FileName = tool;
        }
        else
        {
            // prlimit execs the tool in its own process: killing it kills the tool.
            info.FileName = _prlimit;
            var cpuSeconds = (long)Math.Ceiling(_options.Timeout.TotalSeconds);
            info.ArgumentList.Add($"--as={(long)_options.MemoryLimitMegabytes * 1024 * 1024}");
            info.ArgumentList.Add($"--cpu={cpuSeconds}");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(tool);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    [GeneratedRegex(@"^Pages:\s+(\d+)\s*$", RegexOptions.Multiline | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex PagesLine();
}

/// <summary>Finds a program the way a shell would: a path as given, or a name on PATH.</summary>
internal static class Executables
{
    public static string? Find(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        if (name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, name))
            .FirstOrDefault(File.Exists);
    }
}
