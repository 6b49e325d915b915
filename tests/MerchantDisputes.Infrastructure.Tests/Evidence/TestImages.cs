using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.Formats;
using SixLabors.ImageSharp.Formats.Png;
using SixLabors.ImageSharp.Metadata.Profiles.Exif;
using SixLabors.ImageSharp.Metadata.Profiles.Icc;
using SixLabors.ImageSharp.Metadata.Profiles.Iptc;
using SixLabors.ImageSharp.Metadata.Profiles.Xmp;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Infrastructure.Tests.Evidence;

/// <summary>Images the tests make for themselves, so no binary fixture has to be trusted or kept.</summary>
internal static class TestImages
{
    public static readonly Rgba32 Red = new(255, 0, 0);
    public static readonly Rgba32 Blue = new(0, 0, 255);

    public static byte[] Png(int width, int height) => Encode(Plain(width, height), new PngEncoder());

    public static byte[] Encode(Image image, IImageEncoder encoder)
    {
        using (image)
        {
            using var output = new MemoryStream();
            image.Save(output, encoder);
            return output.ToArray();
        }
    }

    public static Image<Rgba32> Plain(int width, int height) => new(width, height, Blue);

    /// <summary>Random pixels, so that the image data is large and a cut lands inside it.</summary>
    public static Image<Rgba32> Noise(int width, int height)
    {
        var random = new Random(20240601);
        var image = new Image<Rgba32>(width, height);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                foreach (ref var pixel in rows.GetRowSpan(y))
                {
                    pixel = new Rgba32((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                }
            }
        });
        return image;
    }

    /// <summary>The top <paramref name="redRows"/> rows red, the rest blue.</summary>
    public static Image<Rgba32> RedTop(int width, int height, int redRows)
    {
        var image = new Image<Rgba32>(width, height, Blue);
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < redRows; y++)
            {
                rows.GetRowSpan(y).Fill(Red);
            }
        });
        return image;
    }

    /// <summary>
    /// A phone photo held sideways: stored 40 × 20 with its top half red, EXIF Orientation 6
    /// ("rotate 90° clockwise to view"), a GPS position, an ICC profile, XMP and IPTC.
    /// Upright it is 20 × 40 with its right half red.
    /// </summary>
    public static Image<Rgba32> SidewaysPhotoWithLocation()
    {
        var image = RedTop(40, 20, 10);
        image.Metadata.ExifProfile = GpsExif();
        image.Metadata.ExifProfile.SetValue(ExifTag.Orientation, (ushort)6);
        image.Metadata.IccProfile = new IccProfile(MinimalIccProfile());
        image.Metadata.XmpProfile = new XmpProfile(Encoding.UTF8.GetBytes(
            "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"/></x:xmpmeta>"));
        image.Metadata.IptcProfile = new IptcProfile();
        image.Metadata.IptcProfile.SetValue(IptcTag.City, "Shenzhen");
        return image;
    }

    public static ExifProfile GpsExif()
    {
        var exif = new ExifProfile();
        exif.SetValue(ExifTag.GPSLatitudeRef, "N");
        exif.SetValue(ExifTag.GPSLatitude, [new Rational(22, 1), new Rational(32, 1), new Rational(0, 1)]);
        exif.SetValue(ExifTag.GPSLongitudeRef, "E");
        exif.SetValue(ExifTag.GPSLongitude, [new Rational(113, 1), new Rational(56, 1), new Rational(0, 1)]);
        return exif;
    }

    /// <summary>A 2 × 2 GIF with <paramref name="frames"/> frames alternating red and blue.</summary>
    public static byte[] AnimatedGif(int frames)
    {
        var image = new Image<Rgba32>(2, 2, Red);
        for (var i = 1; i < frames; i++)
        {
            using var frame = new Image<Rgba32>(2, 2, i % 2 == 0 ? Red : Blue);
            image.Frames.AddFrame(frame.Frames.RootFrame);
        }

        return Encode(image, new SixLabors.ImageSharp.Formats.Gif.GifEncoder());
    }

    /// <summary>A PNG whose IHDR declares <paramref name="width"/> × <paramref name="height"/>, built by hand with correct CRCs.</summary>
    public static byte[] PngDeclaring(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        return [.. PngSignature, .. PngChunk("IHDR", header), .. PngChunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]), .. PngChunk("IEND", [])];
    }

    /// <summary>Inserts an APNG animation control chunk right after IHDR.</summary>
    public static byte[] WithAnimationControl(byte[] png, int frames)
    {
        var control = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(control, frames);
        const int afterIhdr = 8 + 12 + 13;
        return [.. png.AsSpan(0, afterIhdr), .. PngChunk("acTL", control), .. png.AsSpan(afterIhdr)];
    }

    public static byte[] PngChunk(string type, byte[] data)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(chunk, 4);
        data.CopyTo(chunk, 8);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32.HashToUInt32(chunk.AsSpan(4, 4 + data.Length)));
        return chunk;
    }

    private static byte[] PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>A header-only ICC profile: enough for decoders to keep it as the image's profile.</summary>
    private static byte[] MinimalIccProfile()
    {
        var profile = new byte[132];
        BinaryPrimitives.WriteInt32BigEndian(profile, profile.Length);
        profile[8] = 2;
        profile[9] = 0x10;
        Encoding.ASCII.GetBytes("mntrRGB XYZ ").CopyTo(profile, 12);
        Encoding.ASCII.GetBytes("acsp").CopyTo(profile, 36);
        return profile;
    }
}
