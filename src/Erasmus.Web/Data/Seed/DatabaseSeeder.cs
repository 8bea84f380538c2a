namespace Erasmus.Web.Data.Seed;

/// <summary>Seeds reference data (idempotent) and, for demo databases, the demo data set.</summary>
public static class DatabaseSeeder
{
    public static Task SeedAsync(IServiceProvider services, bool reference, bool demo)
    {
        _ = services;
        _ = reference;
        _ = demo;
        return Task.CompletedTask;
    }
}
