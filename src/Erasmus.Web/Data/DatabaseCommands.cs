using Erasmus.Web.Data.Seed;
using Microsoft.EntityFrameworkCore;

namespace Erasmus.Web.Data;

/// <summary>
/// Command-line verbs of the app for scripts: <c>migrate</c>, <c>seed</c> (reference data),
/// <c>create-admin EMAIL</c> (the first administrator, see
/// <see cref="AdministratorCommand"/>) and <c>schema-script</c> (the DDL EF would create for
/// the model, for reading; migrations come from <c>dotnet ef migrations add</c>, decision 0001). Each runs and exits without starting the web server;
/// a verb that refuses sets a non-zero exit code and stops the verbs after it.
/// </summary>
public static class DatabaseCommands
{
    public static async Task<bool> TryRunAsync(WebApplication app, string[] args)
    {
        // Verbs come first; what follows the first option (--contentRoot PATH, key=value) is the host's.
        var verbs = args.TakeWhile(a => !a.StartsWith('-') && !a.Contains('=', StringComparison.Ordinal)).ToArray();
        if (verbs.Length == 0)
        {
            return false;
        }

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ErasmusDbContext>();
        for (var i = 0; i < verbs.Length; i++)
        {
            var verb = verbs[i];
            switch (verb)
            {
                case "migrate":
                    // A migration reports what it could not check (RAISE WARNING, e.g. 20261207111326_PlausibleValues).
                    if (db.Database.GetDbConnection() is Npgsql.NpgsqlConnection connection)
                    {
                        connection.Notice += (_, e) => Console.Error.WriteLine($"{e.Notice.Severity}: {e.Notice.MessageText}");
                    }

                    await db.Database.MigrateAsync();
                    Console.WriteLine("Migrations applied.");
                    break;
                case "seed":
                    await DatabaseSeeder.SeedAsync(scope.ServiceProvider, reference: true);
                    Console.WriteLine("Reference data seeded.");
                    break;
                case "seed-demo":
                    throw new ArgumentException("The app does not seed demo data: run src/Erasmus.DemoData (see docs/demo-data.md).");
                case "create-admin":
                    var email = i + 1 < verbs.Length ? verbs[++i] : null;
                    var exitCode = await AdministratorCommand.RunAsync(scope.ServiceProvider, email, Console.Out, Console.Error);
                    if (exitCode != 0)
                    {
                        Environment.ExitCode = exitCode;
                        return true;
                    }

                    break;
                case "schema-script":
                    Console.WriteLine(db.Database.GenerateCreateScript());
                    break;
                default:
                    throw new ArgumentException($"Unknown command '{verb}'. Known: migrate, seed, create-admin EMAIL, schema-script.");
            }
        }

        return true;
    }
}
