using System.Linq.Expressions;
using System.Reflection;

namespace MerchantDisputes.Domain.Queries;

/// <summary>
/// Writes a rule or a shape once as an expression and uses it inside queries written elsewhere, such as compiled
/// queries: the query calls a marker method that cannot run, and <see cref="Inline{TQuery}"/> puts the expression's
/// body in its place, with the call's arguments for the expression's parameters, before a query provider sees it.
/// </summary>
public static class ExpressionInlining
{
    /// <summary>The query with every call of <paramref name="marker"/> replaced by <paramref name="replacement"/>'s body.</summary>
    public static Expression<TQuery> Inline<TQuery>(Expression<TQuery> query, MethodInfo marker, LambdaExpression replacement)
    {
        ArgumentNullException.ThrowIfNull(query);
        return (Expression<TQuery>)new Inliner(marker, replacement).Visit(query);
    }

    /// <summary><paramref name="body"/> with each parameter of <paramref name="replacements"/> replaced by its expression.</summary>
    public static Expression Substitute(Expression body, IReadOnlyDictionary<ParameterExpression, Expression> replacements) =>
        new Substitution(replacements).Visit(body);

    private sealed class Substitution(IReadOnlyDictionary<ParameterExpression, Expression> replacements) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) =>
            replacements.TryGetValue(node, out var replacement) ? replacement : node;
    }

    private sealed class Inliner(MethodInfo marker, LambdaExpression replacement) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != marker)
            {
                return base.VisitMethodCall(node);
            }

            var arguments = new Dictionary<ParameterExpression, Expression>();
            for (var i = 0; i < replacement.Parameters.Count; i++)
            {
                arguments[replacement.Parameters[i]] = Visit(node.Arguments[i]);
            }

            return Substitute(replacement.Body, arguments);
        }
    }
}
