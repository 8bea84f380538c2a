namespace Erasmus.Domain.Rules;

/// <summary>Who a mobility record is for; accompanying persons never count in a target.</summary>
public enum ParticipantGroup
{
    Learner,
    Staff,
    AccompanyingPerson,
    Other,
}
