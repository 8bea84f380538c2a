namespace Erasmus.Domain.Rules;

/// <summary>
/// A broken rule: the field (the C# property name, e.g. "OrganisationNumber") and a message in
/// Norwegian bokmål that names the field in words a user understands.
/// </summary>
public sealed record RuleViolation(string Field, string Message);
