using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamClaims : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "OrganisationId",
                table: "Claims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ClaimMembers",
                columns: table => new
                {
                    ClaimId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClaimMembers", x => new { x.ClaimId, x.VolunteerId });
                    table.ForeignKey(
                        name: "FK_ClaimMembers_Claims_ClaimId",
                        column: x => x.ClaimId,
                        principalTable: "Claims",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ClaimMembers_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Claims_OrganisationId",
                table: "Claims",
                column: "OrganisationId",
                filter: "\"OrganisationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ClaimMembers_VolunteerId",
                table: "ClaimMembers",
                column: "VolunteerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Claims_Organisations_OrganisationId",
                table: "Claims",
                column: "OrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Claims_Organisations_OrganisationId",
                table: "Claims");

            migrationBuilder.DropTable(
                name: "ClaimMembers");

            migrationBuilder.DropIndex(
                name: "IX_Claims_OrganisationId",
                table: "Claims");

            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Claims");
        }
    }
}
