using System.Security.Cryptography;
using System.Text;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats.Bmp;
using SixLabors.ImageSharp.Formats.Gif;
using SixLabors.ImageSharp.Formats.Jpeg;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Formats.Webp;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

public sealed class ImageSanitizerTests
{
    private const int TenMebibytes = 10 * 1024 * 1024;

    private readonly IImageSanitizer _sanitizer = CreateSanitizer();

    [Fact]
    public async Task A_jpeg_with_gps_and_orientation_comes_out_upright_without_exif()
    {
        var upload = TestImages.Encode(TestImages.SidewaysPhotoWithLocation(), new JpegEncoder { Quality = 95 });
        Assert.NotNull(Image.Identify(upload).Metadata.ExifProfile); // the fixture does carry what must go

        var result = await _sanitizer.SanitizeAsync(new MemoryStream(upload));

        Assert.Equal((20, 40), (result.Width, result.Height));
        Assert.Equal("image/jpeg", result.Content.ContentType);
        using var output = Image.Load<Rgba32>(result.Content.Bytes.Span);
        Assert.Equal((20, 40), (output.Width, output.Height));
        AssertMostly(TestImages.Red, output[15, 20]); // the stored top is now the right-hand side
        AssertMostly(TestImages.Blue, output[4, 20]);
        Assert.Null(output.Metadata.ExifProfile);
        Assert.Null(output.Metadata.IccProfile);
        Assert.Null(output.Metadata.XmpProfile);
        Assert.Null(output.Metadata.IptcProfile);
        AssertAbsent(result.Content.Bytes, "Exif\0\0", "ICC_PROFILE", "http://ns.adobe.com/xap/1.0/", "Photoshop 3.0");
    }

    [Fact]
    public async Task A_png_with_html_appended_after_iend_comes_out_without_the_payload()
    {
        const string payload = "<html><script>alert('polyglot')</script></html>";
        var upload = TestImages.Png(30, 20).Concat(Encoding.ASCII.GetBytes(payload)).ToArray();

        var result = await _sanitizer.SanitizeAsync(new MemoryStream(upload));

        Assert.Equal("image/png", result.Content.ContentType);
        AssertAbsent(result.Content.Bytes, "<html>", "<script>");
        Assert.Equal(upload, result.Original.Bytes.ToArray()); // the original is kept as sent
    }

    [Fact]
    public async Task A_png_with_text_exif_and_xmp_comes_out_without_them()
    {
        var image = TestImages.Plain(30, 20);
        image.Metadata.ExifProfile = TestImages.GpsExif();
        image.Metadata.XmpProfile = new SixLabors.ImageSharp.Metadata.Profiles.Xmp.XmpProfile(Encoding.UTF8.GetBytes("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>"));
        image.Metadata.GetPngMetadata().TextData.Add(new PngTextData("Comment", "warehouse at 22.54N 113.93E", string.Empty, string.Empty));
        var upload = TestImages.Encode(image, new PngEncoder());

        var result = await _sanitizer.SanitizeAsync(new MemoryStream(upload));

        using var output = Image.Load(result.Content.Bytes.Span);
        Assert.Null(output.Metadata.ExifProfile);
        Assert.Null(output.Metadata.XmpProfile);
        Assert.Empty(output.Metadata.GetPngMetadata().TextData);
        AssertAbsent(result.Content.Bytes, "tEXt", "iTXt", "zTXt", "eXIf", "warehouse");
    }

    [Fact]
    public async Task A_1080_by_30000_screenshot_passes_with_a_thumbnail_of_its_top()
    {
        var upload = TestImages.Encode(TestImages.RedTop(1080, 30_000, redRows: 2160), new PngEncoder { CompressionLevel = PngCompressionLevel.BestSpeed });

        var result = await _sanitizer.SanitizeAsync(new MemoryStream(upload));

        Assert.Equal((1080, 30_000), (result.Width, result.Height));
        Assert.Equal((160, 320), (result.ThumbnailWidth, result.ThumbnailHeight));
        using var thumbnail = Image.Load<Rgba32>(result.Thumbnail.Bytes.Span);
        Assert.Equal((160, 320), (thumbnail.Width, thumbnail.Height));
        AssertMostly(TestImages.Red, thumbnail[80, 310]); // the whole thumbnail comes from the red top
    }

    [Fact]
    public async Task Transparency_is_kept_and_an_opaque_png_is_written_without_an_alpha_channel()
    {
        var translucent = TestImages.Plain(10, 10);
        translucent[3, 3] = new Rgba32(0, 0, 0, 0);

        var kept = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Encode(translucent, new PngEncoder())));
        var opaque = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Encode(TestImages.Plain(10, 10), new PngEncoder { ColorType = PngColorType.RgbWithAlpha })));

        using var keptImage = Image.Load<Rgba32>(kept.Content.Bytes.Span);
        Assert.Equal(0, keptImage[3, 3].A);
        Assert.Equal(PngColorType.Rgb, Image.Identify(opaque.Content.Bytes.ToArray()).Metadata.GetPngMetadata().ColorType);
    }

    [Fact]
    public async Task A_small_image_is_not_enlarged_for_its_thumbnail()
    {
        var result = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Png(100, 50)));

        Assert.Equal((100, 50), (result.ThumbnailWidth, result.ThumbnailHeight));
        Assert.Equal("image/jpeg", result.Thumbnail.ContentType);
    }

    [Fact]
    public async Task A_wide_image_gets_a_thumbnail_that_fits_320_pixels()
    {
        var result = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Png(1000, 600)));

        Assert.Equal((320, 192), (result.ThumbnailWidth, result.ThumbnailHeight));
    }

    [Fact]
    public async Task Zero_bytes_are_rejected_as_empty()
    {
        await AssertRejected(EvidenceRejectionReason.Empty, []);
    }

    [Theory]
    [InlineData("These are my notes, the client named this file evidence.png")]
    [InlineData("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>")]
    [InlineData("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><script>alert(1)</script></svg>")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF")]
    [InlineData("BMW 3 series receipt, not a bitmap at all")]
    [InlineData("RIFF\u0004\0\0\0WAVEfmt ")]
    public async Task Text_html_svg_and_pdf_are_rejected_as_unsupported(string content)
    {
        await AssertRejected(EvidenceRejectionReason.UnsupportedFormat, Encoding.UTF8.GetBytes(content));
    }

    [Fact]
    public async Task A_truncated_png_is_rejected_as_corrupt()
    {
        var png = TestImages.Encode(TestImages.Noise(300, 200), new PngEncoder());

        await AssertRejected(EvidenceRejectionReason.Corrupt, png[..(png.Length / 2)]);
    }

    [Fact]
    public async Task A_png_with_a_damaged_chunk_is_rejected_as_corrupt()
    {
        var png = TestImages.Encode(TestImages.Noise(300, 200), new PngEncoder());
        png[png.Length / 2] ^= 0xFF;

        await AssertRejected(EvidenceRejectionReason.Corrupt, png);
    }

    [Fact]
    public async Task A_truncated_jpeg_is_rejected_as_corrupt()
    {
        var jpeg = TestImages.Encode(TestImages.Noise(300, 200), new JpegEncoder());

        await AssertRejected(EvidenceRejectionReason.Corrupt, jpeg[..(jpeg.Length / 2)]);
    }

    [Fact]
    public async Task A_truncated_gif_is_rejected_as_corrupt()
    {
        var gif = TestImages.Encode(TestImages.Noise(300, 200), new GifEncoder());

        await AssertRejected(EvidenceRejectionReason.Corrupt, gif[..(gif.Length / 2)]);
    }

    [Fact]
    public async Task A_truncated_bmp_is_rejected_as_corrupt()
    {
        var bmp = TestImages.Encode(TestImages.Noise(300, 200), new BmpEncoder());

        await AssertRejected(EvidenceRejectionReason.Corrupt, bmp[..(bmp.Length / 2)]);
    }

    [Fact]
    public async Task A_truncated_webp_is_rejected_as_corrupt()
    {
        var webp = TestImages.Encode(TestImages.Noise(300, 200), new WebpEncoder());

        await AssertRejected(EvidenceRejectionReason.Corrupt, webp[..(webp.Length / 2)]);
    }

    [Fact]
    public async Task A_png_declaring_100000_by_100000_pixels_is_rejected_before_decoding()
    {
        await AssertRejected(EvidenceRejectionReason.TooManyPixels, TestImages.PngDeclaring(100_000, 100_000));
    }

    [Fact]
    public async Task A_png_with_one_side_over_32768_pixels_is_rejected()
    {
        await AssertRejected(EvidenceRejectionReason.TooManyPixels, TestImages.PngDeclaring(40_000, 10));
    }

    [Fact]
    public async Task An_animated_gif_of_500_frames_is_rejected()
    {
        await AssertRejected(EvidenceRejectionReason.Animated, TestImages.AnimatedGif(500));
    }

    [Fact]
    public async Task An_animated_png_is_rejected()
    {
        await AssertRejected(EvidenceRejectionReason.Animated, TestImages.WithAnimationControl(TestImages.Png(4, 4), frames: 2));
    }

    [Fact]
    public async Task A_file_of_10_MiB_plus_one_byte_is_rejected_as_too_large()
    {
        var upload = new byte[TenMebibytes + 1];
        TestImages.Png(4, 4).CopyTo(upload, 0);

        await AssertRejected(EvidenceRejectionReason.TooLarge, upload);
        await AssertRejected(EvidenceRejectionReason.TooLarge, new NonSeekableStream(new MemoryStream(upload)));
    }

    [Fact]
    public async Task An_endless_upload_is_read_no_further_than_one_byte_past_the_limit()
    {
        var endless = new EndlessStream();

        await AssertRejected(EvidenceRejectionReason.TooLarge, endless);

        Assert.Equal(TenMebibytes + 1, endless.BytesRead);
    }

    [Fact]
    public async Task The_limits_come_from_configuration()
    {
        var sanitizer = CreateSanitizer(new() { ["Evidence:Limits:MaxFileBytes"] = "1000", ["Evidence:Limits:MaxPixels"] = "100" });

        var tooLarge = await Assert.ThrowsAsync<EvidenceRejectedException>(() => sanitizer.SanitizeAsync(new MemoryStream(TestImages.Encode(TestImages.Noise(40, 40), new PngEncoder()))));
        var tooManyPixels = await Assert.ThrowsAsync<EvidenceRejectedException>(() => sanitizer.SanitizeAsync(new MemoryStream(TestImages.Png(11, 10))));

        Assert.Equal(EvidenceRejectionReason.TooLarge, tooLarge.Reason);
        Assert.Equal(EvidenceRejectionReason.TooManyPixels, tooManyPixels.Reason);
    }

    [Fact]
    public async Task A_progressive_jpeg_with_a_few_scans_is_accepted()
    {
        var result = await _sanitizer.SanitizeAsync(new MemoryStream(ProgressiveJpeg.ScanBomb(64, 48, acScans: 9)));

        Assert.Equal((64, 48), (result.Width, result.Height));
    }

    [Fact]
    public async Task A_progressive_jpeg_repeating_a_scan_past_the_limit_is_refused_before_decoding()
    {
        // 7,000 × 7,000 and under 5 MB are inside every limit; 50,000 scans of it would be minutes of CPU.
        var bomb = ProgressiveJpeg.ScanBomb(7000, 7000, acScans: 50_000);
        Assert.InRange(bomb.Length, 1, TenMebibytes);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var rejection = await Assert.ThrowsAsync<EvidenceRejectedException>(() => _sanitizer.SanitizeAsync(new MemoryStream(bomb)));

        Assert.Equal(EvidenceRejectionReason.TooComplex, rejection.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task A_jpeg_with_many_components_or_a_second_frame_is_refused()
    {
        var withManyComponents = ProgressiveJpeg.ScanBomb(16, 16, acScans: 1, frameComponents: 5);
        var jpeg = ProgressiveJpeg.ScanBomb(16, 16, acScans: 1);
        var frame = jpeg.AsSpan().IndexOf(new byte[] { 0xFF, 0xC2 });
        var withTwoFrames = jpeg[..(frame + 13)].Concat(jpeg[frame..]).ToArray();

        await AssertRejected(EvidenceRejectionReason.TooComplex, withManyComponents);
        await AssertRejected(EvidenceRejectionReason.TooComplex, withTwoFrames);
    }

    [Fact]
    public async Task A_decode_past_its_time_budget_is_stopped_and_refused()
    {
        var sanitizer = CreateSanitizer(new() { ["Evidence:Limits:MaxDecodeTime"] = "00:00:00.001" });

        // 100 scans of 7,000 × 7,000 pixels: within every structural limit, but seconds of work.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var rejection = await Assert.ThrowsAsync<EvidenceRejectedException>(
            () => sanitizer.SanitizeAsync(new MemoryStream(ProgressiveJpeg.ScanBomb(7000, 7000, acScans: 99))));

        Assert.Equal(EvidenceRejectionReason.TooSlow, rejection.Reason);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task The_sha256_of_the_original_and_of_the_sanitized_bytes_are_correct()
    {
        var upload = TestImages.Encode(TestImages.SidewaysPhotoWithLocation(), new JpegEncoder());

        var result = await _sanitizer.SanitizeAsync(new MemoryStream(upload));

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(upload)), result.OriginalSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(result.Content.Bytes.Span)), result.ContentSha256);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(result.Thumbnail.Bytes.Span)), result.Thumbnail.Sha256);
        Assert.NotEqual(result.OriginalSha256, result.ContentSha256);
        Assert.Matches("^[0-9a-f]{64}$", result.ContentSha256);
    }

    [Fact]
    public async Task A_jpeg_stays_a_jpeg_and_a_png_stays_a_png()
    {
        var jpeg = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Encode(TestImages.Plain(8, 8), new JpegEncoder())));
        var png = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Png(8, 8)));

        Assert.Equal((EvidenceImageFormat.Jpeg, "image/jpeg", ".jpg"), (jpeg.OriginalFormat, jpeg.Content.ContentType, jpeg.Content.Extension));
        Assert.Equal((EvidenceImageFormat.Png, "image/png", ".png"), (png.OriginalFormat, png.Content.ContentType, png.Content.Extension));
        Assert.Equal("image/jpeg", jpeg.Original.ContentType);
    }

    [Theory]
    [InlineData(EvidenceImageFormat.WebP, "image/webp")]
    [InlineData(EvidenceImageFormat.Gif, "image/gif")]
    [InlineData(EvidenceImageFormat.Bmp, "image/bmp")]
    public async Task WebP_gif_and_bmp_are_accepted_and_become_png(EvidenceImageFormat format, string originalContentType)
    {
        var upload = TestImages.Encode(TestImages.RedTop(30, 20, 10), Encoder(format));

        var result = await _sanitizer.SanitizeAsync(new MemoryStream(upload));

        Assert.Equal(format, result.OriginalFormat);
        Assert.Equal(originalContentType, result.Original.ContentType);
        Assert.Equal(("image/png", ".png"), (result.Content.ContentType, result.Content.Extension));
        using var output = Image.Load<Rgba32>(result.Content.Bytes.Span);
        Assert.Equal((30, 20), (output.Width, output.Height));
        AssertMostly(TestImages.Red, output[15, 2]);
        AssertMostly(TestImages.Blue, output[15, 17]);
    }

    [Fact]
    public async Task The_streams_of_the_result_hold_the_same_bytes()
    {
        var result = await _sanitizer.SanitizeAsync(new MemoryStream(TestImages.Png(8, 8)));

        using var copy = new MemoryStream();
        await result.Content.OpenRead().CopyToAsync(copy);

        Assert.Equal(result.Content.Bytes.ToArray(), copy.ToArray());
        Assert.Equal(result.Content.Length, copy.Length);
    }

    private static SixLabors.ImageSharp.Formats.IImageEncoder Encoder(EvidenceImageFormat format) => format switch
    {
        EvidenceImageFormat.WebP => new WebpEncoder { FileFormat = WebpFileFormatType.Lossless },
        EvidenceImageFormat.Gif => new GifEncoder(),
        EvidenceImageFormat.Bmp => new BmpEncoder(),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static IImageSanitizer CreateSanitizer(Dictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        return new ServiceCollection().AddImageSanitizer(configuration).BuildServiceProvider().GetRequiredService<IImageSanitizer>();
    }

    private Task AssertRejected(EvidenceRejectionReason reason, byte[] upload) => AssertRejected(reason, new MemoryStream(upload));

    private async Task AssertRejected(EvidenceRejectionReason reason, Stream upload)
    {
        var rejection = await Assert.ThrowsAsync<EvidenceRejectedException>(() => _sanitizer.SanitizeAsync(upload));
        Assert.Equal(reason, rejection.Reason);
    }

    private static void AssertMostly(Rgba32 expected, Rgba32 actual)
    {
        // Lossy formats move colours a little; what matters is which colour a pixel is.
        Assert.InRange(Math.Abs(expected.R - actual.R) + Math.Abs(expected.G - actual.G) + Math.Abs(expected.B - actual.B), 0, 90);
    }

    private static void AssertAbsent(ReadOnlyMemory<byte> bytes, params string[] markers)
    {
        foreach (var marker in markers)
        {
            Assert.True(bytes.Span.IndexOf(Encoding.ASCII.GetBytes(marker)) < 0, $"The output still contains \"{marker}\".");
        }
    }

    /// <summary>A request body: readable once, length unknown.</summary>
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>An upload that never ends, counting what was read from it.</summary>
    private sealed class EndlessStream : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill(0x89);
            BytesRead += count;
            return count;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
