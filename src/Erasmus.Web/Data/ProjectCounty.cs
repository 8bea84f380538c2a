using System.Linq.Expressions;
using Erasmus.Domain.Entities;
using Npgsql;

namespace Erasmus.Web.Data;

/// <summary>
/// Which county a project belongs to, in one place for LINQ and one for SQL: its Norwegian coordinator's,
/// or, when coordinated abroad, its Norwegian partners'. Counties are the organisations' own, so an
/// organisation of a county dissolved in 2024 keeps its 2020–2023 county (decision 8); mapping that to
/// today's counties is <see cref="Infrastructure.Security.CountyScopes"/>' part.
/// </summary>
public static class ProjectCounty
{
    /// <summary>
    /// The county a project is counted under, for the project aliased <c>p</c> whose coordinator is joined
    /// as <c>c</c>. Coordinated abroad with Norwegian partners in several counties, it counts once, under
    /// the lowest county number. Norway's code comes as @norway (<see cref="NorwayParameter"/>).
    /// </summary>
    public const string Sql = """
        CASE WHEN c.country_code = @norway THEN c.county_number
             ELSE (SELECT min(o.county_number) FROM project_partners pp JOIN organisations o ON o.id = pp.organisation_id
                   WHERE pp.project_id = p.id AND o.country_code = @norway) END
        """;

    /// <summary>The @norway that <see cref="Sql"/> reads: the code as the entity stores it, not a second copy in SQL.</summary>
    public static NpgsqlParameter NorwayParameter() => new NpgsqlParameter<string>("norway", Organisation.Norway);

    /// <summary>Projects that belong to one of the counties (coordinated abroad: to each of its Norwegian partners' counties).</summary>
    public static Expression<Func<Project, bool>> In(IReadOnlyCollection<string> counties) => p =>
        (p.Coordinator!.CountryCode == Organisation.Norway && counties.Contains(p.Coordinator.CountyNumber!))
        || (p.Coordinator.CountryCode != Organisation.Norway
            && p.Partners.Any(pp => pp.Organisation!.CountryCode == Organisation.Norway && counties.Contains(pp.Organisation.CountyNumber!)));
}
