namespace Erasmus.Web.Data;

/// <summary>A key–value fact about this database, such as when demo data was seeded into it.</summary>
public sealed class AppSetting(string key, string value)
{
    public const string DemoDataSeededAt = "demo_data_seeded_at";

    public string Key { get; private set; } = key;
    public string Value { get; set; } = value;
}
