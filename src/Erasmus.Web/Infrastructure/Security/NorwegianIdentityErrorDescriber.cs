using Microsoft.AspNetCore.Identity;

namespace Erasmus.Web.Infrastructure.Security;

/// <summary>Identity's messages in bokmål, as users see them on the password and user forms.</summary>
public sealed class NorwegianIdentityErrorDescriber : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = $"Passordet må ha minst {length} tegn." };

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        new() { Code = nameof(PasswordRequiresUniqueChars), Description = $"Passordet må ha minst {uniqueChars} forskjellige tegn." };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = "Nåværende passord er feil." };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = $"E-postadressen {email} er allerede i bruk." };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = $"Brukernavnet {userName} er allerede i bruk." };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = $"E-postadressen {email} er ugyldig." };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = "Lenken er ugyldig eller allerede brukt. Be administratoren om en ny." };

    public override IdentityError ConcurrencyFailure() =>
        new() { Code = nameof(ConcurrencyFailure), Description = "Brukeren ble endret av noen andre samtidig. Last siden på nytt og prøv igjen." };
}
