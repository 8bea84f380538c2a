using Erasmus.Domain.Attainment;

namespace Erasmus.Domain.Entities;

/// <summary>
/// A national target of the strategy. How it is computed is data (a metric kind plus parameters),
/// and its value has a history: targets are revised at mid-term, and a report uses the value in
/// force on its as-of date.
/// </summary>
public sealed class StrategyTarget : AuditableEntity
{
    private readonly List<TargetValue> _values = [];

    private StrategyTarget()
    {
        Code = "";
        TitleNb = "";
        TitleEn = "";
        MetricKind = "";
        MetricParameters = "{}";
        RuleDescription = "";
    }

    public StrategyTarget(string code, TargetArea area, string titleNb, string titleEn, TargetUnit unit, string metricKind,
        string metricParameters, int sortOrder, string ruleDescription)
        : this()
    {
        Code = code;
        Update(area, titleNb, titleEn, unit, metricKind, metricParameters, sortOrder, ruleDescription);
    }

    public int Id { get; private set; }
    public string Code { get; private set; }
    public TargetArea Area { get; private set; }
    public string TitleNb { get; private set; }
    public string TitleEn { get; private set; }
    public TargetUnit Unit { get; private set; }

    /// <summary>Which counting rule computes the target: the code of a <see cref="Attainment.MetricKind"/> (e.g. "mobility-participants").</summary>
    public string MetricKind { get; private set; }

    /// <summary>The rule's parameters as JSON (e.g. the activity types counted).</summary>
    public string MetricParameters { get; private set; }

    public int SortOrder { get; private set; }

    /// <summary>The counting rule in words, as the strategy states it.</summary>
    public string RuleDescription { get; private set; }

    public IReadOnlyList<TargetValue> Values => _values;

    public void Update(TargetArea area, string titleNb, string titleEn, TargetUnit unit, string metricKind, string metricParameters,
        int sortOrder, string ruleDescription)
    {
        if (string.IsNullOrWhiteSpace(titleNb) || string.IsNullOrWhiteSpace(titleEn) || !MetricKinds.TryParse(metricKind, out _))
        {
            throw new DomainException("Et mål må ha tittel på bokmål og engelsk og en beregningsregel.");
        }

        Area = area;
        TitleNb = titleNb;
        TitleEn = titleEn;
        Unit = unit;
        MetricKind = metricKind;
        MetricParameters = metricParameters;
        SortOrder = sortOrder;
        RuleDescription = ruleDescription;
    }

    /// <summary>The target value in force on a date: the newest value effective on or before it.</summary>
    public TargetValue? ValueOn(DateOnly date) =>
        _values.Where(v => v.EffectiveFrom <= date).MaxBy(v => v.EffectiveFrom)
        ?? _values.MinBy(v => v.EffectiveFrom);

    /// <summary>Adds a value from a date (the mid-term revision); a second value for the same date replaces the first.</summary>
    public TargetValue SetValue(decimal value, DateOnly effectiveFrom, string? note)
    {
        if (value <= 0)
        {
            throw new DomainException(new Rules.RuleViolation("Value", "Målverdien må være større enn null."));
        }

        if (value > Rules.Plausible.MaxTargetValue)
        {
            throw new DomainException(new Rules.RuleViolation("Value", "Målverdien kan være høyst 10 000 000."));
        }

        DomainException.ThrowIfAny(Rules.Plausible.Date(effectiveFrom, "EffectiveFrom", "Datoen målverdien gjelder fra"),
            Rules.PlainText.Validate(note, "Note", allowLineBreaks: true));

        var existing = _values.FirstOrDefault(v => v.EffectiveFrom == effectiveFrom);
        if (existing is not null)
        {
            existing.Value = value;
            existing.Note = note;
            return existing;
        }

        var created = new TargetValue(Id, value, effectiveFrom, note);
        _values.Add(created);
        return created;
    }
}

public sealed class TargetValue
{
    public TargetValue(int strategyTargetId, decimal value, DateOnly effectiveFrom, string? note)
    {
        StrategyTargetId = strategyTargetId;
        Value = value;
        EffectiveFrom = effectiveFrom;
        Note = note;
    }

    public int Id { get; private set; }
    public int StrategyTargetId { get; private set; }
    public decimal Value { get; internal set; }
    public DateOnly EffectiveFrom { get; private set; }
    public string? Note { get; internal set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
}
