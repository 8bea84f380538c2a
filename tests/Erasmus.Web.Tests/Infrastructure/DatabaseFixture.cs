using Erasmus.Web.Data;

namespace Erasmus.Web.Tests.Infrastructure;

/// <summary>A fresh database for one test class (xunit class fixture), dropped afterwards.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    public string DatabaseName { get; private set; } = "";

    public string ConnectionString => TestDatabases.ConnectionStringFor(DatabaseName);

    public ErasmusDbContext CreateDbContext() => new(TestDatabases.OptionsFor(ConnectionString));

    public virtual async Task InitializeAsync() => DatabaseName = await TestDatabases.CreateFromTemplateAsync();

    public virtual async Task DisposeAsync() => await TestDatabases.DropAsync(DatabaseName);
}
