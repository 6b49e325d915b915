using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Infrastructure.Identity;
using MerchantDisputes.Web.Caching;
using MerchantDisputes.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace MerchantDisputes.Web.Features.Account;

public static class AccountsExtensions
{
    public const string ApiPolicy = "Api";

    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddIdentity<ApplicationUser, ApplicationRole>(ConfigureIdentity)
            .AddEntityFrameworkStores<DisputesDbContext>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorTokenProvider>(AuthenticatorTokenProvider.Name)
            .AddTokenProvider<PasswordResetTokenProvider>(PasswordResetTokenProvider.ProviderName)
            .AddSignInManager<AuditedSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddClaimsPrincipalFactory<UserClaimsFactory>();
        services.AddScoped<SignInHistory>();
        services.AddScoped<UserSessions>();
        services.AddScoped<PasswordChange>();
        services.AddSingleton<SessionGuard>();
        services.AddSingleton<SignInThrottle>();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration(SignInThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        AppOptions.Add(services);

        // Reset links last one hour; Identity's other data-protection tokens keep their own provider and lifespan.
        services.Configure<PasswordResetTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(1));
        services.AddScoped<PasswordRecovery>();

        // The cookie's principal is rebuilt when its security stamp is checked; the proof of a second factor must survive that.
        services.AddOptions<SecurityStampValidatorOptions>().Configure<TimeProvider>((o, clock) =>
        {
            o.TimeProvider = clock;
            o.OnRefreshingPrincipal = KeepSecondFactorProof;
        });

        // After AddIdentity, which makes the cookie the default. The default of every request is the bearer scheme,
        // which hands the request on to the Identity cookie unless it is an /api request with a bearer token: pages
        // sign in with the cookie only, the API takes a token or that cookie. One scheme for all means a request is
        // authenticated once, by the authentication middleware, and policies read the user it found; challenges and
        // forbids follow the same choice, so an API client with a token gets the bearer scheme's 401 and a page the
        // cookie's redirect to sign-in. The bearer scheme decides itself, not through a policy scheme in front of it,
        // which cost a second handler and a second pass of the authentication service on every API call
        // (docs/performance.md). Signing in with it (AuthApi) always writes a token: a handler forwarded to itself
        // handles the call.
        services.AddAuthentication(o =>
            {
                o.DefaultAuthenticateScheme = IdentityConstants.BearerScheme;
                o.DefaultChallengeScheme = IdentityConstants.BearerScheme;
                o.DefaultForbidScheme = IdentityConstants.BearerScheme;
            })
            .AddBearerToken(IdentityConstants.BearerScheme, o =>
            {
                o.BearerTokenExpiration = TimeSpan.FromHours(1);
                o.ForwardDefaultSelector = CookieUnlessBearer;
                o.ForwardSignIn = IdentityConstants.BearerScheme;
                o.ForwardSignOut = IdentityConstants.BearerScheme;
            });
        services.AddBearerTokenCache();

        // Outside Development the sign-in cookie is sent over HTTPS only; Development keeps plain http://localhost working.
        // The antiforgery cookie follows the request's scheme: with "Always" the antiforgery system refuses (500) every
        // form page reached over http, as behind a proxy that terminates TLS without forwarding the scheme.
        var secure = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.AddAntiforgery(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "md.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = secure;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });

        // Identity checks the cookie's stamp and session (AuditedSignInManager) once per validation interval; a
        // session ended on this instance is refused at every request, so a signed-out cookie replayed here fails at once.
        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<SessionGuard>((o, guard) =>
            {
                var validate = o.Events.OnValidatePrincipal;
                o.Events.OnValidatePrincipal = async context =>
                {
                    if (UserSessions.SessionOf(context.Principal) is not { } session || guard.HasEnded(session))
                    {
                        context.RejectPrincipal();
                        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                        return;
                    }

                    await validate(context);
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, p => p.RequireAuthenticatedUser());
        services.AddScoped<AccountService>();
    }

    private static void ConfigureIdentity(IdentityOptions o)
    {
        o.User.RequireUniqueEmail = true;
        o.Password.RequiredLength = 10;
        o.Password.RequiredUniqueChars = 4;
        o.Password.RequireDigit = false;
        o.Password.RequireLowercase = false;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        o.Lockout.AllowedForNewUsers = true;
        o.Lockout.MaxFailedAccessAttempts = 5;
        o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        o.SignIn.RequireConfirmedAccount = false;
        o.Tokens.AuthenticatorTokenProvider = AuthenticatorTokenProvider.Name;
        o.Tokens.PasswordResetTokenProvider = PasswordResetTokenProvider.ProviderName;
    }

    /// <summary>
    /// After UseAuthorization: bearer tokens whose security stamp is stale stop working, and staff who signed in
    /// without their second factor are stopped.
    /// </summary>
    public static IApplicationBuilder UseSecondFactorGate(this IApplicationBuilder app) =>
        app.UseMiddleware<BearerStampCheck>().UseMiddleware<SecondFactorGate>();

    private static Task KeepSecondFactorProof(SecurityStampRefreshingPrincipalContext context)
    {
        SecondFactor.CarryProof(context.CurrentPrincipal, context.NewPrincipal);
        UserSessions.Carry(context.CurrentPrincipal, context.NewPrincipal);
        return Task.CompletedTask;
    }

    /// <summary>Whether the request is authenticated by its bearer token: an /api path with an Authorization: Bearer header.</summary>
    internal static bool SendsBearer(HttpContext context) =>
        Infrastructure.HostingExtensions.IsApi(context)
        && context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether the request's endpoint lets only signed-in users through: authorisation data and no AllowAnonymous.</summary>
    internal static bool EndpointNeedsUser(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        return metadata is not null
            && metadata.GetMetadata<IAuthorizeData>() is not null
            && metadata.GetMetadata<IAllowAnonymous>() is null;
    }

    /// <summary>Where the bearer scheme hands a request on: nowhere (null) when it carries a token for the API, else the cookie.</summary>
    private static string? CookieUnlessBearer(HttpContext context) =>
        SendsBearer(context) ? null : IdentityConstants.ApplicationScheme;

    /// <summary>API callers get a status code, never an HTML redirect to the sign-in page.</summary>
    private static Task ApiAwareRedirect(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (Infrastructure.HostingExtensions.IsApi(context.HttpContext))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
