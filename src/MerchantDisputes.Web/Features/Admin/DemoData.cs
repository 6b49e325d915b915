using System.Globalization;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Escalation;
using MerchantDisputes.Domain.Evidence;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Time;
using MerchantDisputes.Domain.Timeline;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Evidence;
using MerchantDisputes.Infrastructure.Evidence.Sanitising;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Features.Account;
using MerchantDisputes.Web.Features.Escalation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace MerchantDisputes.Web.Features.Admin;

/// <summary>
/// Development only: a year of cases so that a newcomer's first start shows a populated queue, feed, rankings and
/// yearly report. Cases across the platforms, the three types and the provinces, in every state of the case life,
/// each lived through the domain's own methods at past moments (so every timeline's hash chain verifies), with one
/// screenshot each through the real sanitizer. Idempotent: once its merchants exist it does nothing. Registered only in
/// Development (<see cref="DemoDataExtensions"/>); the command line flag and the admin page's button need it.
/// </summary>
public sealed partial class DemoData(
    DisputesDbContext db,
    UserManager<ApplicationUser> users,
    IImageSanitizer sanitizer,
    IEvidenceStore store,
    TimeProvider clock,
    CaseTimers timers)
{
    public const string CommandLineFlag = "--demo-data";
    public const int CaseCount = 240;
    public const int MerchantCount = 24;

    private CaseWindows Windows => timers.Windows;

    /// <summary>Creates the demo merchants and cases unless they exist. Returns how many cases it created.</summary>
    public async Task<int> SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == users.NormalizeEmail(MerchantEmail(1)), cancellationToken))
        {
            return 0;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var created = await CreateAllAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return created;
        });
    }

    private async Task<int> CreateAllAsync(CancellationToken cancellationToken)
    {
        var random = new Random(2026);
        var now = clock.GetUtcNow();
        var cast = await CastAsync(random, now, cancellationToken);
        var plans = Enumerable.Range(0, CaseCount).Select(n =>
        {
            var story = n < Stories.Length ? Stories[n] : Stories[random.Next(Stories.Length)];
            var merchant = n % 10 == 0 && cast.DemoMerchant is { } demo ? demo : cast.Merchants[random.Next(cast.Merchants.Count)];
            var platform = cast.Platforms[(int)Math.Floor(Math.Pow(random.NextDouble(), 1.6) * cast.Platforms.Count)];
            return new Plan(story, merchant, platform, StartOf(story, random, now));
        }).OrderBy(p => p.At).ToList();

        // In filing order, so that case numbers follow the calendar as they would have.
        foreach (var plan in plans)
        {
            await FileAsync(plan, cast, random, now, cancellationToken);
        }

        return CaseCount;
    }

    private async Task FileAsync(Plan plan, Cast cast, Random random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var at = plan.At;
        var content = Content(random, plan.Platform, plan.Merchant, ChinaTime.Today(at));
        var number = await CaseNumberAllocator.NextAsync(db, at, cancellationToken);
        var dispute = Dispute.Open(number, plan.Merchant.Id, plan.Merchant.Province, content, at, plan.Merchant.Gender);
        var actor = Actor.Merchant(plan.Merchant.Id);
        db.Disputes.Add(dispute);
        await AddEvidenceAsync(dispute, actor, random, at.AddMinutes(5), cancellationToken);
        new Life(dispute, actor, cast.Mediator, cast.Lawyer, cast.AgentFor(plan.Platform), Windows, random, at.AddMinutes(20), now).Live(plan.Story);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>When a case of the story is filed: ended ones any time in the year, open ones recently enough to be open now.</summary>
    private DateTimeOffset StartOf(Story story, Random random, DateTimeOffset now)
    {
        var w = Windows;
        TimeSpan Days(double min, double max) => TimeSpan.FromDays(min + (random.NextDouble() * (max - min)));

        // Working days as calendar time, roughly (five in a week): the demo only needs each case inside its window.
        static TimeSpan Span(Window window) => window.InWorkingDays ? TimeSpan.FromDays(window.WorkingDays * 7.0 / 5) : window.Duration;
        var age = story switch
        {
            Story.Draft => Days(0.2, 10),
            Story.Submitted => Days(0.1, 1.5),
            Story.UnderReview => Days(1.5, 4),
            Story.NeedsInfo => Days(2.5, 4),
            Story.Awaiting => Days(2.5, 2.5 + (Span(w.PlatformResponse).TotalDays * 0.6)),
            Story.Reminded => Span(w.PlatformResponse) + Days(2.6, 2.6 + (Span(w.Reminder).TotalDays * 0.6)),
            Story.LegalReview => Span(w.PlatformResponse) + Span(w.Reminder) + Days(2.6, 2.6 + (Span(w.LegalReview).TotalDays * 0.6)),
            Story.FinalNotice => Span(w.PlatformResponse) + Span(w.Reminder) + Span(w.LegalReview) + Days(2.6, 3.0) + (Span(w.FinalNotice) * 0.9),
            Story.PlatformResponded => Days(3, 3 + (Span(w.AutoResolve).TotalDays * 0.5)),
            _ => Days(60, 360),
        };
        return now - age;
    }

    private async Task AddEvidenceAsync(Dispute dispute, Actor merchant, Random random, DateTimeOffset at, CancellationToken cancellationToken)
    {
        using var png = new MemoryStream(Screenshot(random));
        var image = await sanitizer.SanitizeAsync(png, cancellationToken);
        var id = Guid.CreateVersion7(at);
        var blobName = string.Create(CultureInfo.InvariantCulture, $"{at:yyyy}/{at:MM}/{id:N}");
        var item = EvidenceItem.Create(new EvidenceFacts(
            id, dispute.Id, merchant.UserId!.Value, Pick(random, Captions), image.Content.Extension.TrimStart('.'), image.Content.ContentType,
            image.OriginalFormat.ToString().ToLowerInvariant(), image.Width, image.Height, image.Original.Length, image.Content.Length,
            image.OriginalSha256, image.ContentSha256, blobName, false), at);
        foreach (var (container, encoded) in new[] { (EvidenceContainer.Original, image.Original), (EvidenceContainer.Sanitized, image.Content), (EvidenceContainer.Thumbnail, image.Thumbnail) })
        {
            await using var content = encoded.OpenRead();
            await store.PutAsync(container, blobName, content, encoded.ContentType, cancellationToken);
        }

        db.Evidence.Add(item);
        dispute.Record(merchant, "EvidenceAdded", new Dictionary<string, string?>
        {
            ["evidenceId"] = item.Id.ToString(),
            ["originalSha256"] = item.OriginalSha256,
            ["sanitizedSha256"] = item.SanitizedSha256,
            ["bytes"] = item.OriginalBytes.ToString(CultureInfo.InvariantCulture),
        }, at);
    }

    /// <summary>A small phone-shaped PNG: a coloured page with a few bars, different for every case.</summary>
    private static byte[] Screenshot(Random random)
    {
        using var image = new Image<Rgba32>(90, 160, new Rgba32(245, 246, 249));
        var ink = new Rgba32((byte)random.Next(40, 200), (byte)random.Next(40, 200), (byte)random.Next(40, 200));
        Paint(image, 0, 0, 90, 18, ink);
        for (var row = 0; row < 6; row++)
        {
            Paint(image, 8, 28 + (row * 20), random.Next(30, 74), 8, new Rgba32(200, 204, 212));
        }

        using var stream = new MemoryStream();
        image.SaveAsPng(stream);
        return stream.ToArray();
    }

    private static void Paint(Image<Rgba32> image, int left, int top, int width, int height, Rgba32 colour)
    {
        for (var y = top; y < top + height; y++)
        {
            for (var x = left; x < left + width; x++)
            {
                image[x, y] = colour;
            }
        }
    }

    private async Task<Cast> CastAsync(Random random, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var platforms = await db.Platforms.AsNoTracking().Where(p => p.IsActive).OrderBy(p => p.Id).ToListAsync(cancellationToken);
        var staff = await db.Users.AsNoTracking()
            .Where(u => u.Email == "mediator@demo.local" || u.Email == "lawyer@demo.local" || u.Email == "merchant@demo.local" || u.PlatformId != null)
            .Select(u => new { u.Id, u.Email, u.PlatformId, u.Province, u.Gender })
            .ToListAsync(cancellationToken);
        var merchants = new List<DemoMerchant>();
        for (var n = 1; n <= MerchantCount; n++)
        {
            merchants.Add(await MerchantAsync(n, random, now));
        }

        var demo = staff.SingleOrDefault(u => u.Email == "merchant@demo.local");
        return new Cast(
            platforms,
            merchants,
            demo is null ? null : new DemoMerchant(demo.Id, demo.Province ?? "CN-GD", demo.Gender, null),
            new Actor(staff.SingleOrDefault(u => u.Email == "mediator@demo.local")?.Id, Roles.Mediator),
            new Actor(staff.SingleOrDefault(u => u.Email == "lawyer@demo.local")?.Id, Roles.Lawyer),
            staff.Where(u => u.PlatformId is not null).GroupBy(u => u.PlatformId!.Value).ToDictionary(g => g.Key, g => g.First().Id));
    }

    /// <summary>A merchant without a password: it owns cases, nobody signs in as it.</summary>
    private async Task<DemoMerchant> MerchantAsync(int n, Random random, DateTimeOffset now)
    {
        var surname = Pick(random, Surnames);
        var user = new ApplicationUser
        {
            Email = MerchantEmail(n),
            UserName = MerchantEmail(n),
            EmailConfirmed = true,
            CreatedAt = now.AddDays(-380),
        };
        AccountService.Apply(user, MerchantProfile.Create(
            surname + Pick(random, GivenNames), surname + "记" + Pick(random, Goods), Pick(random, ProvinceWeights),
            random.Next(3) switch { 0 => Gender.Female, 1 => Gender.Male, _ => null },
            random.Next(2) == 0 ? string.Create(CultureInfo.InvariantCulture, $"shop-{random.Next(100000, 999999)}") : null));
        Check(await users.CreateAsync(user));
        Check(await users.AddToRoleAsync(user, Roles.Merchant));
        return new DemoMerchant(user.Id, user.Province!, user.Gender, user.StoreId);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("Demo merchant not created: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    private static string MerchantEmail(int n) => string.Create(CultureInfo.InvariantCulture, $"demo-merchant-{n:D2}@demo.local");

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private sealed record DemoMerchant(Guid Id, string Province, Gender? Gender, string? StoreId);

    private sealed record Plan(Story Story, DemoMerchant Merchant, Platform Platform, DateTimeOffset At);

    private sealed record Cast(
        IReadOnlyList<Platform> Platforms, IReadOnlyList<DemoMerchant> Merchants, DemoMerchant? DemoMerchant,
        Actor Mediator, Actor Lawyer, IReadOnlyDictionary<int, Guid> Agents)
    {
        /// <summary>The platform's demo agent, or the platform acting without a named person.</summary>
        public Actor AgentFor(Platform platform) => new(Agents.TryGetValue(platform.Id, out var id) ? id : null, Roles.PlatformAgent, platform.Id);
    }
}
