using Erasmus.Domain.Entities;
using Erasmus.Web.Data;
using Erasmus.Web.Features.Import;
using Erasmus.Web.Features.Shared;
using Erasmus.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Erasmus.Web.Features.Mobilities;

/// <summary>
/// Mobility records, single and group: list, view, register (always from a project), edit and delete.
/// A mobility belongs where its project belongs: a coordinator edits those of their county's projects.
/// </summary>
[Route("mobiliteter")]
public sealed class MobilitiesController(ErasmusDbContext db, CountyScopes scopes, OrganisationDirectory organisations, TimeProvider time) : RecordController
{
    [HttpGet("")]
    [RemembersFilters(typeof(MobilityListQuery))]
    public async Task<IActionResult> Index([FromQuery] MobilityListQuery query, [FromServices] DataCache cache, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var model = await MobilityList.ListAsync(db, query, cache, cancellationToken);
        if (model.Project is { } project)
        {
            model.CanRegisterForProject = await CanEditAsync(() => scopes.ForProjectAsync(project.Id, cancellationToken));
        }

        return View(model);
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id, CancellationToken cancellationToken) =>
        await DetailsPageAsync(await MobilityQueries.DetailsAsync(db, id, cancellationToken), () => scopes.ForMobilityAsync(id, cancellationToken));

    /// <summary>
    /// Registering starts from a project (?project=id); without one, the user first finds the project. After
    /// "save and register next" (?after=id of the saved mobility) the form keeps what that mobility shares with the next;
    /// the mobility ID suggested is the project's next.
    /// </summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("ny")]
    public async Task<IActionResult> Create(int? project, string? search, int? after, CancellationToken cancellationToken)
    {
        if (project is null)
        {
            var found = await MobilityQueries.FindProjectsAsync(db, search, cancellationToken);
            var choices = new List<ProjectChoice>(found.Count);
            foreach (var candidate in found)
            {
                choices.Add(new ProjectChoice(candidate, await CanEditAsync(() => scopes.ForProjectAsync(candidate.Id, cancellationToken))));
            }

            return View("ChooseProject", new ChooseProjectModel(search, choices, !string.IsNullOrWhiteSpace(search)));
        }

        var summary = await MobilityQueries.ProjectSummaryAsync(db, project.Value, cancellationToken);
        var scope = summary is null ? null : await scopes.ForProjectAsync(summary.Id, cancellationToken);
        if (await RefusalAsync(summary, () => Task.FromResult(scope!)) is { } refusal)
        {
            return refusal;
        }

        // Only a mobility of the same project sets the next one's fields; any other id is ignored.
        var saved = after is null ? null
            : await db.Mobilities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == after && m.ProjectId == summary!.Id, cancellationToken);
        var suggested = await NextMobilityId.ForProjectAsync(db, summary!.Id, saved?.MobilityId, cancellationToken);
        var form = saved is null ? MobilityForm.ForNew(summary) : MobilityForm.NextAfter(saved, suggested);
        form.MobilityId = suggested ?? "";
        return View(new MobilityPage(form, summary, await MobilityChoices.OptionsAsync(db, organisations, summary, User, scope!, [], cancellationToken)));
    }

    /// <summary>A copy of a mobility as a new registration in its project, saved only when the user saves it; the ID suggested is the project's next.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("{id:int}/kopier")]
    public async Task<IActionResult> Copy(int id, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var scope = await scopes.ForMobilityAsync(id, cancellationToken);
        if (await RefusalAsync(mobility, () => Task.FromResult(scope)) is { } refusal)
        {
            return refusal;
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, mobility!.ProjectId, cancellationToken))!;
        var suggested = await NextMobilityId.ForProjectAsync(db, summary.Id, mobility.MobilityId, cancellationToken);
        ViewData["CopiedFrom"] = mobility.MobilityId;
        return View(nameof(Create), new MobilityPage(MobilityForm.CopyOf(mobility, suggested), summary,
            await MobilityChoices.OptionsAsync(db, organisations, summary, User, scope, [], cancellationToken)));
    }

    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("ny")]
    public async Task<IActionResult> Create(int? project, MobilityForm form, [FromForm(Name = "next")] string? next, CancellationToken cancellationToken)
    {
        // Tracked: the new mobility refers to it, and an untracked project would be inserted again.
        var entity = project is null ? null : await db.Projects.SingleOrDefaultAsync(p => p.Id == project, cancellationToken);
        var scope = entity is null ? null : await scopes.ForProjectAsync(entity.Id, cancellationToken);
        if (await RefusalAsync(entity, () => Task.FromResult(scope!)) is { } refusal)
        {
            return refusal;
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, entity!.Id, cancellationToken))!;
        var checks = await CheckAsync(form, summary, scope!, [], cancellationToken);
        if (await checks.Valid(null)
            && await SaveAsync(form, async () =>
            {
                var mobility = Mobility.Register(entity, checks.Activity!, form.ToDetails(), time.GetUtcNow());
                db.Mobilities.Add(mobility);
                await db.SaveChangesAsync(cancellationToken);
                // "Save and register next" opens the form again for the project, with what this mobility shares with the next.
                return Notice($"Mobiliteten {mobility.MobilityId} er registrert.", string.IsNullOrEmpty(next)
                    ? RedirectToAction(nameof(Details), new { id = mobility.Id })
                    : RedirectToAction(nameof(Create), new { project = entity.Id, after = mobility.Id }));
            }, () => checks.Valid(null)) is { } saved)
        {
            return saved;
        }

        return View(new MobilityPage(form, summary, checks.Choices));
    }

    /// <summary>The grid for many mobilities of one project (?project=id), typed or pasted from a spreadsheet.</summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpGet("rutenett")]
    public async Task<IActionResult> Grid(int? project, CancellationToken cancellationToken)
    {
        var summary = project is null ? null : await MobilityQueries.ProjectSummaryAsync(db, project.Value, cancellationToken);
        var scope = summary is null ? null : await scopes.ForProjectAsync(summary.Id, cancellationToken);
        return await RefusalAsync(summary, () => Task.FromResult(scope!))
            ?? View(new MobilityGridPage(MobilityGridForm.Empty(MobilityGrid.EmptyRows), summary!, []));
    }

    /// <summary>
    /// Checks every row the grid has as the mobility import checks a file's rows, then the IDs against each other and the
    /// project's; saves all rows in one transaction (audited as every save) or none, and shows the refusals beside their cells.
    /// "Add rows" only gives the grid more empty rows.
    /// </summary>
    [Authorize(Policy = Policies.EditDomainData)]
    [HttpPost("rutenett")]
    [RequestFormLimits(ValueCountLimit = MobilityGrid.MaxFormValues)]
    [RequestSizeLimit(MobilityGrid.MaxRequestBytes)]
    public async Task<IActionResult> Grid(int? project, [FromServices] IOptions<ImportOptions> importOptions, CancellationToken cancellationToken)
    {
        var entity = project is null ? null : await db.Projects.SingleOrDefaultAsync(p => p.Id == project, cancellationToken);
        var scope = entity is null ? null : await scopes.ForProjectAsync(entity.Id, cancellationToken);
        if (await RefusalAsync(entity, () => Task.FromResult(scope!)) is { } refusal)
        {
            return refusal;
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, entity!.Id, cancellationToken))!;
        var posted = await Request.ReadFormAsync(cancellationToken);
        var form = MobilityGridForm.Read(posted);
        if (!string.IsNullOrEmpty(posted["addRows"]))
        {
            form.AddEmptyRows(MobilityGrid.EmptyRows);
            return View(new MobilityGridPage(form, summary, []));
        }

        var national = User.IsInRole(Roles.Analyst);
        var actor = new ImportActor(User.Identity?.Name ?? "", national, national ? null : User.CountyNumber());
        var (mobilities, errors) = await MobilityGrid.CheckAsync(db, entity, scope!.CountyNumbers.ToHashSet(StringComparer.Ordinal), actor, form,
            DateOnly.FromDateTime(time.GetLocalNow().DateTime), time.GetUtcNow(), importOptions.Value.MaxCellChars, cancellationToken);
        if (errors.Count == 0)
        {
            db.Mobilities.AddRange(mobilities);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return Notice(mobilities.Count == 1 ? "1 mobilitet er registrert." : $"{mobilities.Count} mobiliteter er registrert.",
                    RedirectToAction(nameof(Index), new { Project = summary.Reference }));
            }
            catch (DbUpdateException ex) when (SaveFailures.Describe(ex) is { } failure)
            {
                // A mobility ID saved by someone else since the check: nothing of the grid is saved.
                db.ChangeTracker.Clear();
                errors.Add(new GridError(-1, null, failure.Message));
            }
        }

        return View(new MobilityGridPage(form, summary, errors));
    }

    [HttpGet("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var scope = await scopes.ForMobilityAsync(id, cancellationToken);
        if (await RefusalAsync(mobility, () => Task.FromResult(scope)) is { } refusal)
        {
            return refusal;
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, mobility!.ProjectId, cancellationToken))!;
        return View(new MobilityPage(MobilityForm.From(mobility), summary,
            await MobilityChoices.OptionsAsync(db, organisations, summary, User, scope, SavedOrganisations(mobility), cancellationToken)));
    }

    [HttpPost("{id:int}/endre")]
    public async Task<IActionResult> Edit(int id, MobilityForm form, CancellationToken cancellationToken)
    {
        var mobility = await db.Mobilities.Include(m => m.Project).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        var scope = await scopes.ForMobilityAsync(id, cancellationToken);
        if (await RefusalAsync(mobility, () => Task.FromResult(scope)) is { } refusal)
        {
            return refusal;
        }

        var summary = (await MobilityQueries.ProjectSummaryAsync(db, mobility!.ProjectId, cancellationToken))!;
        var checks = await CheckAsync(form, summary, scope, SavedOrganisations(mobility), cancellationToken);
        if (await checks.Valid(id)
            && await SaveAsync(form, async () =>
            {
                mobility.Update(mobility.Project!, checks.Activity!, form.ToDetails());
                await SaveAsOfAsync(mobility, form, touch: false, cancellationToken);
                return Notice($"Mobiliteten {mobility.MobilityId} er lagret.", RedirectToAction(nameof(Details), new { id }));
            }, () => checks.Valid(id), new Concurrency(
                () => TheirsAsync(id, form, cancellationToken), "Mobiliteten er slettet av noen andre.",
                () => RedirectToAction(nameof(Index), new { Project = summary.Reference }))) is { } saved)
        {
            return saved;
        }

        return View(new MobilityPage(form, summary, checks.Choices));
    }

    [HttpGet("{id:int}/slett")]
    public Task<IActionResult> Delete(int id, CancellationToken cancellationToken) => DeletePageAsync(DeletionOf(id, cancellationToken));

    /// <summary>
    /// Nothing depends on a mobility, so deletion proceeds once confirmed. The confirmation carries the
    /// version the user saw: a mobility changed meanwhile is shown again rather than deleted unseen.
    /// </summary>
    [HttpPost("{id:int}/slett")]
    public Task<IActionResult> DeleteConfirmed(int id, string? version, CancellationToken cancellationToken) =>
        DeleteConfirmedAsync(version, DeletionOf(id, cancellationToken), cancellationToken);

    /// <summary>Nothing depends on a mobility; after the delete the user sees its project's mobilities.</summary>
    private Deletion<MobilityDeleteModel> DeletionOf(int id, CancellationToken cancellationToken) => new Deletion<MobilityDeleteModel>(
        () => MobilityQueries.DeleteModelAsync(db, id, cancellationToken), () => scopes.ForMobilityAsync(id, cancellationToken),
        _ => false, async () => await db.Mobilities.SingleAsync(m => m.Id == id, cancellationToken),
        page => $"Mobiliteten {page.MobilityId} er slettet.", page => $"Mobiliteten {page.MobilityId} er slettet av noen andre.",
        page => RedirectToAction(nameof(Index), new { Project = page.Project.Reference }));

    private static int[] SavedOrganisations(Mobility mobility) =>
        [.. new[] { mobility.SendingOrganisationId, mobility.ReceivingOrganisationId }.OfType<int>()];

    /// <summary>
    /// Reads the form as the user meant it, reads its choices and checks what the entity cannot: the
    /// choices were offered, and (<see cref="FormChecks.Valid"/>) the mobility ID is not taken in the project.
    /// </summary>
    private async Task<FormChecks> CheckAsync(MobilityForm form, ProjectSummary summary, CountyScope scope, int[] saved, CancellationToken cancellationToken)
    {
        form.Normalise();
        form.ReplaceBindingErrors(ModelState);
        var choices = await MobilityChoices.OptionsAsync(db, organisations, summary, User, scope, saved, cancellationToken);
        // A receiving country left empty is the receiving organisation's (as the form's script fills it in); whether the
        // organisation may be chosen at all is checked with the other choices below.
        if (string.IsNullOrEmpty(form.ReceivingCountryCode) && form.ReceivingOrganisationId is { } receiving
            && await db.Organisations.AsNoTracking().Where(o => o.Id == receiving).Select(o => o.CountryCode).SingleOrDefaultAsync(cancellationToken) is { } country)
        {
            form.ReceivingCountryCode = country;
            ModelState.Remove(nameof(form.ReceivingCountryCode));
        }

        var checks = new MobilityChecks(db, ModelState.RefusedFields());
        var (activity, violations) = await checks.ChoicesAsync(form, choices, cancellationToken);
        ModelState.AddViolations(violations);
        form.AddRulesCheckableWithoutTheEntity(ModelState);
        return new FormChecks(activity, choices, async exceptId =>
        {
            if (ModelState.IsValid)
            {
                ViewData.AddDuplicates(ModelState, await checks.DuplicatesAsync(form, summary, exceptId, cancellationToken));
            }

            return ModelState.IsValid && activity is not null;
        });
    }

    /// <summary>The activity type the form chose, the choices it offered, and the last check before a save (true when the form may be saved).</summary>
    private sealed record FormChecks(ActivityType? Activity, MobilityOptions Choices, Func<int?, Task<bool>> Valid);

    private async Task<SavedMeanwhile?> TheirsAsync(int id, MobilityForm form, CancellationToken cancellationToken)
    {
        var current = await db.Mobilities.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (current is null)
        {
            return null;
        }

        var theirs = MobilityForm.From(current);
        var names = await MobilityChoices.OrganisationNamesAsync(db,
            [theirs.SendingOrganisationId, theirs.ReceivingOrganisationId, form.SendingOrganisationId, form.ReceivingOrganisationId], cancellationToken);
        return new SavedMeanwhile(current.Version, theirs.CompareWith(form, names));
    }
}
