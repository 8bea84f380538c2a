using Erasmus.Domain.Rules;

namespace Erasmus.Domain.Entities;

/// <summary>Thrown when an entity would break one of its rules; carries the broken rules for the form.</summary>
public sealed class DomainException : Exception
{
    public DomainException(IReadOnlyList<RuleViolation> violations)
        : base(string.Join(" ", violations.Select(v => v.Message))) => Violations = violations;

    public DomainException(RuleViolation violation)
        : this([violation])
    {
    }

    public DomainException()
        : this([])
    {
    }

    public DomainException(string message)
        : base(message) => Violations = [new RuleViolation("", message)];

    public DomainException(string message, Exception innerException)
        : base(message, innerException) => Violations = [new RuleViolation("", message)];

    public IReadOnlyList<RuleViolation> Violations { get; }

    /// <summary>Throws when any rule is broken; nulls are rules that held.</summary>
    public static void ThrowIfAny(params RuleViolation?[] results)
    {
        var violations = results.OfType<RuleViolation>().ToList();
        if (violations.Count > 0)
        {
            throw new DomainException(violations);
        }
    }
}
