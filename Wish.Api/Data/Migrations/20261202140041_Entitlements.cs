using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WeChatWish.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class Entitlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EntitlementProgrammes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Provider = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PerWeek = table.Column<int>(type: "integer", nullable: false),
                    PerMonth = table.Column<int>(type: "integer", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ValidTo = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntitlementProgrammes", x => x.Id);
                    table.CheckConstraint("CK_EntitlementProgrammes_Quotas", "\"PerWeek\" >= 1 AND \"PerMonth\" >= \"PerWeek\"");
                    table.CheckConstraint("CK_EntitlementProgrammes_Validity", "\"ValidTo\" IS NULL OR \"ValidTo\" >= \"ValidFrom\"");
                });

            migrationBuilder.CreateTable(
                name: "EntitlementPeople",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    WorkNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Team = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    CardToken = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntitlementPeople", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EntitlementPeople_EntitlementProgrammes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "EntitlementProgrammes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EntitlementRedemptions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ProgrammeId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Items = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: false),
                    UndoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UndoneBy = table.Column<string>(type: "character varying(76)", maxLength: 76, nullable: true),
                    UndoReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EntitlementRedemptions", x => x.Id);
                    table.CheckConstraint("CK_EntitlementRedemptions_Items", "\"Items\" >= 1");
                    table.ForeignKey(
                        name: "FK_EntitlementRedemptions_EntitlementPeople_PersonId",
                        column: x => x.PersonId,
                        principalTable: "EntitlementPeople",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EntitlementRedemptions_EntitlementProgrammes_ProgrammeId",
                        column: x => x.ProgrammeId,
                        principalTable: "EntitlementProgrammes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EntitlementPeople_CardToken",
                table: "EntitlementPeople",
                column: "CardToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntitlementPeople_ProgrammeId_WorkNumber",
                table: "EntitlementPeople",
                columns: new[] { "ProgrammeId", "WorkNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EntitlementRedemptions_PersonId_At",
                table: "EntitlementRedemptions",
                columns: new[] { "PersonId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_EntitlementRedemptions_ProgrammeId_At",
                table: "EntitlementRedemptions",
                columns: new[] { "ProgrammeId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EntitlementRedemptions");

            migrationBuilder.DropTable(
                name: "EntitlementPeople");

            migrationBuilder.DropTable(
                name: "EntitlementProgrammes");
        }
    }
}
