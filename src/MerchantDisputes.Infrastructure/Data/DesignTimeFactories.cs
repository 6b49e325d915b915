using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MerchantDisputes.Infrastructure.Data;

/// <summary>Lets dotnet-ef build each provider's context without a running app or a reachable server.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDisputesDbContext>
{
    public SqliteDisputesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDisputesDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerDisputesDbContext>
{
    public SqlServerDisputesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerDisputesDbContext>()
            .UseSqlServer("Server=localhost;Database=MerchantDisputes;Trusted_Connection=True;TrustServerCertificate=True")
            .Options);
}
