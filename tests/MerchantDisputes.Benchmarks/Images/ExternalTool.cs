namespace MerchantDisputes.Benchmarks.Images;

/// <summary>
/// The same work as our sanitizer, asked of a command-line tool: a thumbnail that fits 320 × 320 as JPEG
/// quality 80, and the whole image re-encoded without metadata. PNG stays PNG, at zlib level 6 as ImageSharp writes
/// ours, which puts the Paeth filter on every row: libvips is asked for the same (its default, no filter, writes
/// files half as large again); ImageMagick 6.9.11 writes unfiltered rows when asked for Paeth alone, so it gets its
/// adaptive filtering at level 6, slightly more work for files of about our size. JPEG stays JPEG at quality 90
/// without chroma subsampling, turned upright by EXIF first. Two commands per image, so the tool decodes the image twice; ours
/// decodes it once. Both tools use their defaults for everything not named here.
/// </summary>
public sealed record ExternalTool(
    string Key, string Name, Func<string, string, CorpusKind, IReadOnlyList<string[]>> Commands, IReadOnlyDictionary<string, string>? Environment)
{
    /// <summary>The same programs as one image's commands, asked only for their version: what starting them costs.</summary>
    public IReadOnlyList<string[]> StartOnly => Key == "vips"
        ? [["vipsthumbnail", "--version"], ["vips", "--version"]]
        : [[Convert, "-version"], [Convert, "-version"]];

    /// <summary>Debian 12 ships ImageMagick 6 in /usr/bin; another "convert" earlier on PATH is not it.</summary>
    public const string Convert = "/usr/bin/convert";

    public static IReadOnlyList<ExternalTool> All(string workDirectory) => [Vips(), ImageMagick(workDirectory)];

    /// <summary>
    /// <c>vipsthumbnail</c> (auto-rotates by EXIF, shrinks JPEG on load) and <c>vips copy</c> / <c>vips autorot</c>
    /// with <c>[strip]</c>, which drops every metadata item on save.
    /// </summary>
    public static ExternalTool Vips() => new("vips", "libvips (vipsthumbnail + vips)", (input, output, kind) =>
    {
        var name = Path.GetFileNameWithoutExtension(input);
        var thumbnail = Path.Combine(output, name + "-thumb.jpg");
        return kind == CorpusKind.Photo
            ?
            [
                ["vipsthumbnail", input, "-s", "320x320", "-o", thumbnail + "[Q=80,strip]"],
                ["vips", "autorot", input, Path.Combine(output, name + ".jpg") + "[Q=90,strip,subsample-mode=off]"],
            ]
            :
            [
                ["vipsthumbnail", input, "-s", "320x320", "-o", thumbnail + "[Q=80,strip]"],
                ["vips", "copy", input, Path.Combine(output, name + ".png") + "[strip,compression=6,filter=paeth]"],
            ];
    }, null);

    /// <summary>
    /// <c>convert -strip -thumbnail 320x320</c> and <c>convert -strip</c> (plus <c>-auto-orient</c> for photos).
    /// Debian's policy.xml caps a side at 16,384 px; ours accepts 32,768, so a policy file in the work directory
    /// (MAGICK_CONFIGURE_PATH) raises width and height to 32 KP. Its memory, map, area and disk caps stay Debian's.
    /// </summary>
    public static ExternalTool ImageMagick(string workDirectory)
    {
        var policyDirectory = Path.Combine(workDirectory, "imagemagick-policy");
        Directory.CreateDirectory(policyDirectory);
        File.WriteAllText(Path.Combine(policyDirectory, "policy.xml"), """
            <policymap>
              <policy domain="resource" name="width" value="32KP"/>
              <policy domain="resource" name="height" value="32KP"/>
            </policymap>
            """);
        return new("imagemagick", "ImageMagick (convert)", (input, output, kind) =>
        {
            var name = Path.GetFileNameWithoutExtension(input);
            var thumbnail = Path.Combine(output, name + "-thumb.jpg");
            return kind == CorpusKind.Photo
                ?
                [
                    [Convert, input, "-auto-orient", "-strip", "-thumbnail", "320x320", "-quality", "80", thumbnail],
                    [Convert, input, "-auto-orient", "-strip", "-quality", "90", "-sampling-factor", "1x1", Path.Combine(output, name + ".jpg")],
                ]
                :
                [
                    [Convert, input, "-strip", "-thumbnail", "320x320", "-quality", "80", thumbnail],
                    [Convert, input, "-strip", "-define", "png:compression-level=6", "-define", "png:compression-filter=5",
                        Path.Combine(output, name + ".png")],
                ];
        }, new Dictionary<string, string> { ["MAGICK_CONFIGURE_PATH"] = policyDirectory });
    }
}
