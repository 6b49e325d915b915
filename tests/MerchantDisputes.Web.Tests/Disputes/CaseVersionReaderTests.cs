using MerchantDisputes.Infrastructure.Data;
using MerchantDisputes.Web.Features.Disputes;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;

namespace MerchantDisputes.Web.Tests.Disputes;

/// <summary>
/// The version statement is written from each provider's model. SQL Server cannot run here, so its statement, parameter
/// and row reader are built and checked without a server; SQLite's run for real in <see cref="DetailAnswersTests"/>.
/// </summary>
public sealed class CaseStampReaderTests
{
    [Fact]
    public void On_sql_server_the_version_is_one_row_of_the_case_its_platform_and_its_merchants_stamp_by_id_in_its_quoting()
    {
        using var db = new SqlServerDisputesDbContext(new DbContextOptionsBuilder<SqlServerDisputesDbContext>()
            .UseSqlServer("Server=unused;Database=unused;TrustServerCertificate=True").Options);
        var id = Guid.CreateVersion7();

        var reader = CaseVersionReader.For(db);
        using var command = new SqlCommand(reader.Sql);
        reader.Bind(command, id);

        Assert.Equal(
            "SELECT d.[Version], p.[NameZh], p.[NameEn], d.[MerchantId], d.[PlatformId], d.[Status], d.[EscalationLevel], d.[SubmittedAt], d.[ForwardedAt], m.[ConcurrencyStamp]"
            + " FROM [Disputes] AS d INNER JOIN [Platforms] AS p ON p.[Id] = d.[PlatformId]"
            + " LEFT JOIN [AspNetUsers] AS m ON m.[Id] = d.[MerchantId] WHERE d.[Id] = @id",
            reader.Sql);
        var parameter = Assert.Single(command.Parameters.Cast<SqlParameter>());
        Assert.Equal(("@id", (object)id, System.Data.SqlDbType.UniqueIdentifier), (parameter.ParameterName, parameter.Value, parameter.SqlDbType));
    }
}
