namespace Erasmus.Domain.Rules;

/// <summary>Outgoing participants are sent by Norwegian organisations; incoming ones are hosted and never counted.</summary>
public enum MobilityDirection
{
    Outgoing,
    Incoming,
}
