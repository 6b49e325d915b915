using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Data.Common;
using System.Linq.Expressions;
using MerchantDisputes.Domain.Authorisation;
using MerchantDisputes.Domain.Disputes;
using MerchantDisputes.Domain.Platforms;
using MerchantDisputes.Domain.Users;
using MerchantDisputes.Infrastructure.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>
/// A case as a kept answer is checked against (<see cref="DetailAnswers"/>): its version, its platform's names, and
/// the members the visibility rule reads, under the names the rule reads them by.
/// </summary>
public sealed record CaseVersion(
    int Version,
    string PlatformNameZh,
    string PlatformNameEn,
    Guid MerchantId,
    int PlatformId,
    DisputeStatus Status,
    EscalationLevel EscalationLevel,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ForwardedAt,
    string? MerchantStamp = null)
{
    /// <summary>The rule of each role (<see cref="DisputeVisibility.ForRole"/>), run on the version row.</summary>
    private static readonly FrozenDictionary<string, Func<CaseVersion, Guid, int, bool>> Rules =
        Roles.All.ToFrozenDictionary(role => role, DisputeVisibility.CompileFor<CaseVersion>, StringComparer.Ordinal);

    public string PlatformName(bool chinese) => chinese ? PlatformNameZh : PlatformNameEn;

    /// <summary>Whether <paramref name="actor"/> may see the case: the same rule the case queries apply in SQL.</summary>
    public bool IsVisibleTo(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return Rules.TryGetValue(actor.Role, out var rule) && rule(this, actor.UserId ?? Guid.Empty, actor.PlatformId ?? -1);
    }
}

/// <summary>
/// Reads a <see cref="CaseVersion"/> with one statement written from the EF Core model (tables, columns, quoting,
/// parameter and value conversions as the model and provider have them), without EF Core's query pipeline, which
/// cost more than the whole kept answer (docs/performance.md).
/// </summary>
internal sealed class CaseVersionReader
{
    /// <summary>The version row's columns in the order of its constructor.</summary>
    private static readonly (Type Entity, string Property)[] Columns =
    [
        (typeof(Dispute), nameof(Dispute.Version)),
        (typeof(Platform), nameof(Platform.NameZh)),
        (typeof(Platform), nameof(Platform.NameEn)),
        (typeof(Dispute), nameof(Dispute.MerchantId)),
        (typeof(Dispute), nameof(Dispute.PlatformId)),
        (typeof(Dispute), nameof(Dispute.Status)),
        (typeof(Dispute), nameof(Dispute.EscalationLevel)),
        (typeof(Dispute), nameof(Dispute.SubmittedAt)),
        (typeof(Dispute), nameof(Dispute.ForwardedAt)),
        (typeof(ApplicationUser), nameof(ApplicationUser.ConcurrencyStamp)),
    ];

    private static readonly ConcurrentDictionary<Type, CaseVersionReader> ByContext = new();

    private readonly RelationalTypeMapping _idMapping;
    private readonly string _idParameter;
    private readonly Func<DbDataReader, CaseVersion> _read;

    private CaseVersionReader(DbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var dispute = db.Model.FindEntityType(typeof(Dispute))!;
        var platform = db.Model.FindEntityType(typeof(Platform))!;
        var merchant = db.Model.FindEntityType(typeof(ApplicationUser))!;
        var id = dispute.GetProperty(nameof(Dispute.Id));
        _idMapping = id.GetRelationalTypeMapping();
        _idParameter = sql.GenerateParameterName("id");

        string Table(IEntityType entity) => sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
        string Column(IProperty property) => sql.DelimitIdentifier(property.GetColumnName());
        var aliases = new Dictionary<IEntityType, string> { [dispute] = "d.", [platform] = "p.", [merchant] = "m." };
        var properties = Columns.Select(c => aliases.Keys.Single(e => e.ClrType == c.Entity).GetProperty(c.Property)).ToArray();
        var selected = properties.Select(p => aliases[(IEntityType)p.DeclaringType] + Column(p));
        Sql = $"SELECT {string.Join(", ", selected)} FROM {Table(dispute)} AS d"
            + $" INNER JOIN {Table(platform)} AS p ON p.{Column(platform.GetProperty(nameof(Platform.Id)))} = d.{Column(dispute.GetProperty(nameof(Dispute.PlatformId)))}"
            + $" LEFT JOIN {Table(merchant)} AS m ON m.{Column(merchant.GetProperty(nameof(ApplicationUser.Id)))} = d.{Column(dispute.GetProperty(nameof(Dispute.MerchantId)))}"
            + $" WHERE d.{Column(id)} = {_idParameter}";
        _read = RowReader(properties);
    }

    public string Sql { get; }

    public static CaseVersionReader For(DbContext db) => ByContext.GetOrAdd(db.GetType(), _ => new CaseVersionReader(db));

    public void Bind(DbCommand command, Guid id) => command.Parameters.Add(_idMapping.CreateParameter(command, _idParameter, id));

    public CaseVersion Read(DbDataReader row) => _read(row);

    /// <summary>
    /// <c>row => new CaseVersion(…)</c> with each column read by the reader method EF Core reads it with and converted
    /// back as EF Core would (a null column gives null), compiled once.
    /// </summary>
    private static Func<DbDataReader, CaseVersion> RowReader(IProperty[] properties)
    {
        var row = Expression.Parameter(typeof(DbDataReader), "row");
        var constructor = typeof(CaseVersion).GetConstructors().Single(c => c.GetParameters().Length == properties.Length);
        var values = properties.Select((property, ordinal) => Column(row, property, ordinal, constructor.GetParameters()[ordinal].ParameterType));
        return Expression.Lambda<Func<DbDataReader, CaseVersion>>(Expression.New(constructor, values), row).Compile();
    }

    private static Expression Column(ParameterExpression row, IProperty property, int ordinal, Type type)
    {
        var mapping = property.GetRelationalTypeMapping();
        var at = Expression.Constant(ordinal);
        Expression value = Expression.Call(row, mapping.GetDataReaderMethod(), at);
        if (mapping.Converter is { } converter)
        {
            var fromStored = converter.ConvertFromProviderExpression;
            value = ReplacingExpressionVisitor.Replace(
                fromStored.Parameters[0], Expression.Convert(value, fromStored.Parameters[0].Type), fromStored.Body);
        }

        value = Expression.Convert(value, type);
        return property.IsNullable
            ? Expression.Condition(Expression.Call(row, nameof(DbDataReader.IsDBNull), null, at), Expression.Default(type), value)
            : value;
    }
}
