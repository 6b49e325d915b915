using MerchantDisputes.Web.Features.Platforms;
using MerchantDisputes.Web.Infrastructure;

namespace MerchantDisputes.Web.Features.Disputes;

/// <summary>What the shared fields partial needs: the form, its errors and the platforms to choose from.</summary>
public sealed record DisputeFieldsView(DisputeForm Form, FormErrors Errors, IReadOnlyList<PlatformDto> Platforms);
