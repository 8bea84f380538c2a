using System.Net;
using Erasmus.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Erasmus.Web.Tests.Security.Access;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// What a persona gets from an action: the page (or its form's answer), a 403, the sign-in page, or a 404.
/// A 404 is never "allowed": a case that names no existing record must say so, so a route that stops
/// answering cannot pass as access granted.
/// </summary>
public enum Access
{
    Allowed,
    Forbidden,
    SignIn,
    NotFound,
}

/// <summary>
/// Every controller action in the app, taken from its own endpoint data, with an explicit decision for
/// each persona. An action added without a decision here fails <see cref="Every_action_has_an_explicit_access_decision"/>.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.Personas personas) : IClassFixture<AuthorizationMatrixTests.Personas>
{
    /// <summary>Every feature's decisions (classes implementing <see cref="IAccessDecisions"/>), gathered by reflection.</summary>
    internal static readonly Dictionary<string, Func<MatrixRecords, Case[]>> Decisions = typeof(IAccessDecisions).Assembly.GetTypes()
        .Where(t => t.IsClass && typeof(IAccessDecisions).IsAssignableFrom(t))
        .SelectMany(t => ((IAccessDecisions)Activator.CreateInstance(t)!).Decisions)
        .ToDictionary(d => d.Key, d => d.Value, StringComparer.Ordinal);

    public static TheoryData<string> DecisionKeys => [.. Decisions.Keys.Order(StringComparer.Ordinal)];

    [Fact]
    public void Every_action_has_an_explicit_access_decision()
    {
        var actions = personas.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => (Descriptor: e.Metadata.GetMetadata<ControllerActionDescriptor>(), Methods: e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()))
            .Where(e => e.Descriptor is not null)
            .Select(e => $"{e.Descriptor!.ControllerName}.{e.Descriptor.ActionName} {(e.Methods is null ? "ANY" : string.Join(",", e.Methods.HttpMethods))}")
            .ToHashSet(StringComparer.Ordinal);

        var undecided = actions.Except(Decisions.Keys).Order(StringComparer.Ordinal).ToList();
        var stale = Decisions.Keys.Except(actions).Order(StringComparer.Ordinal).ToList();

        Assert.True(undecided.Count == 0, "Actions without an access decision in AuthorizationMatrixTests: " + string.Join(", ", undecided));
        Assert.True(stale.Count == 0, "Decisions for actions that no longer exist: " + string.Join(", ", stale));
        Assert.True(actions.Count >= 20, "The endpoint data looks incomplete.");
    }

    [Theory]
    [MemberData(nameof(DecisionKeys))]
    public async Task Each_persona_gets_the_decided_outcome(string action)
    {
        var records = await personas.RecordsAsync();
        foreach (var @case in Decisions[action](records))
        {
            var expected = new[] { @case.Anonymous, @case.Administrator, @case.Analyst, @case.OwnCoordinator, @case.OtherCoordinator };
            for (var persona = 0; persona < Personas.Names.Length; persona++)
            {
                var client = await personas.ClientAsync(persona, @case.FreshClient);
                var actual = await SendAsync(client, @case, persona == 0);
                Assert.True(expected[persona] == actual, $"{action}: {@case.Method} {@case.Url} as {Personas.Names[persona]} gave {actual}, expected {expected[persona]}");
            }
        }
    }

    private static async Task<Access> SendAsync(HttpClient client, Case @case, bool anonymous)
    {
        HttpResponseMessage response;
        if (@case.Method == "GET")
        {
            response = await client.GetAsync(new Uri(@case.Url, UriKind.Relative));
        }
        else
        {
            var token = await AppFixture.AntiforgeryTokenAsync(client, anonymous ? "/logg-inn" : "/konto/passord");
            var fields = new Dictionary<string, string>(@case.Form) { ["__RequestVerificationToken"] = token };
            response = await client.PostAsync(new Uri(@case.Url, UriKind.Relative), new FormUrlEncodedContent(fields));
        }

        var location = response.Headers.Location;
        var redirectPath = location is null ? "" : location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
        return response.StatusCode switch
        {
            HttpStatusCode.Forbidden => Forbidden,
            HttpStatusCode.Unauthorized => SignIn,
            HttpStatusCode.Redirect when redirectPath.StartsWith("/logg-inn?", StringComparison.Ordinal) => SignIn,
            HttpStatusCode.BadRequest => throw new InvalidOperationException($"{@case.Method} {@case.Url} answered 400: the test request is malformed (antiforgery?)."),
            HttpStatusCode.InternalServerError when !@case.IsErrorPage => throw new InvalidOperationException($"{@case.Method} {@case.Url} answered 500."),
            HttpStatusCode.NotFound => NotFound,
            _ => Allowed,
        };
    }

    /// <summary>The app, one signed-in client per persona, and the records the decisions name.</summary>
    public sealed class Personas : AppFixture
    {
        public static readonly string[] Names = ["anonymous", "administrator", "analyst", "coordinator of the record's county (46)", "coordinator of another county (11)"];
        private static readonly (string? Role, string? County)[] Definitions =
            [(null, null), (TestRoles.Administrator, null), (TestRoles.Analyst, null), (TestRoles.Coordinator, "46"), (TestRoles.Coordinator, "11")];

        private readonly HttpClient?[] _clients = new HttpClient?[Names.Length];
        private readonly string?[] _emails = new string?[Names.Length];
        private MatrixRecords? _records;

        public async Task<MatrixRecords> RecordsAsync()
        {
            if (_records is null)
            {
                var victim = await CreateUserAsync(TestRoles.Analyst);
                await using var db = CreateDbContext();
                var data = new TestData(db);
                var organisation = await data.OrganisationAsync("46");
                var foreign = await data.ForeignOrganisationAsync();
                var accreditation = await data.AccreditationAsync(organisation);
                var project = await data.ProjectAsync(organisation, partners: [foreign], awarded: new Dictionary<string, int> { ["LM-SHORT-VET"] = 4 });
                var mobility = await data.MobilityAsync(project);
                _records = new MatrixRecords((await db.Users.SingleAsync(u => u.Email == victim)).Id, organisation.Id, foreign.Id,
                    accreditation.Id, project.Id, mobility.Id);
            }

            return _records;
        }

        public async Task<HttpClient> ClientAsync(int persona, bool fresh)
        {
            var (role, county) = Definitions[persona];
            if (role is null)
            {
                return CreateClient();
            }

            _emails[persona] ??= await CreateUserAsync(role, county);
            if (fresh || _clients[persona] is null)
            {
                var client = await SignInAsync(_emails[persona]!);
                if (fresh)
                {
                    return client;
                }

                _clients[persona] = client;
            }

            return _clients[persona]!;
        }
    }
}
