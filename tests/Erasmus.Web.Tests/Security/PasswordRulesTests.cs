using System.Net;
using Erasmus.Web.Infrastructure.Security;
using Erasmus.Web.Tests.Infrastructure;

namespace Erasmus.Web.Tests.Security;

/// <summary>
/// Long enough is not enough (#15 item 15): common passwords, the service's and the user's own names
/// dressed up with digits and symbols, and repetitions or sequences are refused with a clear message;
/// passphrases pass.
/// </summary>
public sealed class PasswordRulesTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Theory]
    // Repetitions and sequences.
    [InlineData("abcdabcdabcd", PasswordWeakness.Pattern)]
    [InlineData("passordpassord", PasswordWeakness.Pattern)]
    [InlineData("Passordpassord2024", PasswordWeakness.Pattern)]
    [InlineData("aaabbbcccddd", PasswordWeakness.Pattern)]
    [InlineData("123456789012", PasswordWeakness.Pattern)]
    [InlineData("qwertyuiop12", PasswordWeakness.Pattern)]
    [InlineData("asdfghjkløæ1", PasswordWeakness.Pattern)]
    // Common passwords and words, with digits and symbols around them or digits for letters.
    [InlineData("Erasmus2027!", PasswordWeakness.Common)]
    [InlineData("erasmus+2027", PasswordWeakness.Common)]
    [InlineData("Password1234", PasswordWeakness.Common)]
    [InlineData("P@ssw0rd2024!", PasswordWeakness.Common)]
    [InlineData("sommer2024!!", PasswordWeakness.Common)]
    [InlineData("1qaz2wsx3edc4rfv", PasswordWeakness.Common)]
    [InlineData("2024-HKDIR-2024", PasswordWeakness.Common)]
    [InlineData("!!Kari.Nordmann!!", PasswordWeakness.Common)]
    // Passphrases and random strings.
    [InlineData("Vestland er vakkert om våren", PasswordWeakness.None)]
    [InlineData("Riktig-hemmelig-passord-42", PasswordWeakness.None)]
    [InlineData("Trondheim er en fin by", PasswordWeakness.None)]
    [InlineData("korrekt hest batteri stift", PasswordWeakness.None)]
    [InlineData("x7#Lq9vR!mT2", PasswordWeakness.None)]
    public void Refuses_guessable_passwords_and_keeps_passphrases(string password, PasswordWeakness expected) =>
        Assert.Equal(expected, PasswordRules.Check(password, ["kari.nordmann", "kari", "nordmann", "Kari Nordmann"]));

    [Fact]
    public void The_shipped_list_is_the_whole_list() => Assert.Equal(49_233, PasswordRules.CommonCount);

    [Theory]
    [InlineData("abcdabcdabcd", "gjentakelser eller rekkefølger")]
    [InlineData("passordpassord", "gjentakelser eller rekkefølger")]
    [InlineData("Erasmus2027!", "for vanlig og lett å gjette")]
    public async Task The_password_forms_refuse_them_with_a_message_in_bokmal(string password, string message)
    {
        var email = await app.CreateUserAsync(TestRoles.Analyst);
        var client = await app.SignInAsync(email);

        var response = await AppFixture.PostFormAsync(client, "/konto/passord", "/konto/passord", new()
        {
            ["CurrentPassword"] = AppFixture.Password, ["NewPassword"] = password, ["ConfirmPassword"] = password,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, (await AppFixture.ParseAsync(response)).QuerySelector("#NewPassword-error")!.TextContent, StringComparison.Ordinal);
        await app.SignInAsync(email);
    }

    [Fact]
    public async Task The_message_is_in_english_on_an_english_page()
    {
        var client = await app.SignInAsAsync(TestRoles.Analyst);
        await AppFixture.PostFormAsync(client, "/", "/sprak", new() { ["culture"] = "en-GB", ["returnUrl"] = "/" });

        var response = await AppFixture.PostFormAsync(client, "/konto/passord", "/konto/passord", new()
        {
            ["CurrentPassword"] = AppFixture.Password, ["NewPassword"] = "abcdabcdabcd", ["ConfirmPassword"] = "abcdabcdabcd",
        });

        Assert.Contains("repetitions or sequences", (await AppFixture.ParseAsync(response)).QuerySelector("#NewPassword-error")!.TextContent, StringComparison.Ordinal);
    }
}
