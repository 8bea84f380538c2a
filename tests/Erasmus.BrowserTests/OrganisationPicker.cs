using System.Text.Json;
using Microsoft.Playwright;

namespace Erasmus.BrowserTests;

/// <summary>
/// An organisation field as a keyboard user works it: the search box (an ARIA combobox), its list of hits, the
/// chosen organisations of a multiple choice, and the plain select behind it that the form posts.
/// </summary>
public sealed class OrganisationPicker(IPage page, string fieldId)
{
    public ILocator Input => page.Locator($"#{fieldId}-search");

    public ILocator ListBox => page.Locator($"#{fieldId}-listbox");

    public ILocator Hits => ListBox.Locator("[role=option]");

    public ILocator Status => page.Locator($"#{fieldId}-status");

    public ILocator Select => page.Locator($"select#{fieldId}");

    public ILocator Chosen => page.Locator($".organisation-field:has(select#{fieldId}) .picker-chip");

    /// <summary>The input found by its label, as a screen reader user finds it.</summary>
    public ILocator ByLabel(string label) => page.GetByRole(AriaRole.Combobox, new() { Name = label, Exact = true });

    /// <summary>Clears the box and types, key by key; the list opens when there are hits.</summary>
    public async Task TypeAsync(string text, bool expectHits = true)
    {
        await Input.FocusAsync();
        await Input.PressAsync("Control+A");
        await Input.PressAsync("Backspace");
        await Input.PressSequentiallyAsync(text);
        await Assertions.Expect(Input).ToHaveAttributeAsync("aria-expanded", expectHits ? "true" : "false");
    }

    /// <summary>Moves down to the nth hit (from 1) with the arrow key and takes it with Enter.</summary>
    public async Task ChooseHitAsync(int n = 1)
    {
        for (var i = 0; i < n; i++)
        {
            await Input.PressAsync("ArrowDown");
        }

        await Assertions.Expect(Input).ToHaveAttributeAsync("aria-activedescendant", await Hits.Nth(n - 1).GetAttributeAsync("id") ?? "");
        await Input.PressAsync("Enter");
        await Assertions.Expect(Input).ToHaveAttributeAsync("aria-expanded", "false");
    }

    /// <summary>The select's options with what the page holds about them: value, name, country, municipality, number, OID.</summary>
    public async Task<IReadOnlyList<Choice>> ChoicesAsync()
    {
        var json = await page.EvaluateAsync<JsonElement>(
            """
            (id) => {
              const details = {};
              document.querySelectorAll('script[data-organisation-details]').forEach(s => Object.assign(details, JSON.parse(s.textContent)));
              return [...document.getElementById(id).options].filter(o => o.value).map(o => {
                const d = (details[o.value] || '||').split('|');
                return { value: o.value, name: o.text, country: o.dataset.country, selected: o.selected, municipality: d[0], number: d[1], oid: d[2] };
              });
            }
            """, fieldId);
        return [.. json.EnumerateArray().Select(e => new Choice(
            e.GetProperty("value").GetString()!, e.GetProperty("name").GetString()!, e.GetProperty("country").GetString()!,
            e.GetProperty("selected").GetBoolean(), e.GetProperty("municipality").GetString()!, e.GetProperty("number").GetString()!, e.GetProperty("oid").GetString()!))];
    }

    public async Task<IReadOnlyList<string>> SelectedValuesAsync() =>
        await Select.EvaluateAsync<string[]>("s => [...s.selectedOptions].map(o => o.value)");

    public sealed record Choice(string Value, string Name, string Country, bool Selected, string Municipality, string Number, string Oid);
}
