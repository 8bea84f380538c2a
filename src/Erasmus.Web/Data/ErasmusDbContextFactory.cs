using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Erasmus.Web.Data;

/// <summary>
/// How <c>dotnet ef</c> creates the context (migrations add, has-pending-model-changes, database
/// update): configured exactly as the app configures it, without starting the web host. The connection
/// string comes from <c>ConnectionStrings__Erasmus</c>, else run.sh's local database; only
/// <c>database update</c> connects.
/// </summary>
public sealed class ErasmusDbContextFactory : IDesignTimeDbContextFactory<ErasmusDbContext>
{
    public ErasmusDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable($"ConnectionStrings__{DatabaseSetup.ConnectionStringName}")
            ?? "Host=localhost;Port=55432;Database=erasmus;Username=erasmus;Password=erasmus";
        var builder = new DbContextOptionsBuilder<ErasmusDbContext>();
        DatabaseSetup.Configure(builder, connectionString, new DatabaseOptions());
        return new ErasmusDbContext(builder.Options);
    }
}
