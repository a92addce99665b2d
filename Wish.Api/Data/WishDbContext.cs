using Microsoft.EntityFrameworkCore;

namespace Wish.Api.Data;

// Placeholder until the domain branch lands its WishDbContext.
public sealed class WishDbContext(DbContextOptions<WishDbContext> options) : DbContext(options);
