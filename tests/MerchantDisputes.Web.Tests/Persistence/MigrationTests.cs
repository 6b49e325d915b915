using MerchantDisputes.Infrastructure.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MerchantDisputes.Web.Tests.Persistence;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_sqlite_migrations_build_an_empty_file_into_the_current_model()
    {
        var file = Path.Combine(Path.GetTempPath(), $"md-migrate-{Guid.NewGuid():N}.db");
        try
        {
            await using (var db = SqliteContext($"Data Source={file}"))
            {
                await db.Database.MigrateAsync();

                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                Assert.False(db.Database.HasPendingModelChanges());
                Assert.Equal(10, await db.Platforms.CountAsync());
                Assert.Contains(await db.Platforms.Select(p => p.Slug).ToListAsync(), s => s == "aliexpress");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public void The_sql_server_migrations_match_the_model_and_script_idempotently()
    {
        using var db = new SqlServerDisputesDbContext(new DbContextOptionsBuilder<SqlServerDisputesDbContext>()
            .UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=True").Options);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.False(db.Database.HasPendingModelChanges());
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [Disputes]", script, StringComparison.Ordinal);
        Assert.Contains("decimal(18,2)", script, StringComparison.Ordinal);
    }

    private static SqliteDisputesDbContext SqliteContext(string connection) =>
        new(new DbContextOptionsBuilder<SqliteDisputesDbContext>().UseSqlite(connection).Options);
}
