// tests/perf/http.sh's reference: the same Kestrel and host defaults as the app, one endpoint returning a constant.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.MapGet("/", () => "ok");
await app.RunAsync();
